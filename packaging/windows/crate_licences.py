#!/usr/bin/env python3
"""Lists the Rust crates built into the executables with their versions and licences, for
licences/RUST-CRATES.txt in the Windows and Linux packages.
Usage: crate_licences.py TARGET_TRIPLE [EXECUTABLE_NAMES]  (default names: hpatlas.exe and hpatlas-cli.exe)"""
import json
import subprocess
import sys

target = sys.argv[1]
executables = sys.argv[2] if len(sys.argv) > 2 else "hpatlas.exe and hpatlas-cli.exe"
metadata = json.loads(
    subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--locked", "--filter-platform", target],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
)
packages = {package["id"]: package for package in metadata["packages"]}
nodes = {node["id"]: node for node in metadata["resolve"]["nodes"]}
# Follow normal (not dev or build) dependencies from the root package.
root = metadata["resolve"]["root"]
seen, stack = set(), [root]
while stack:
    current = stack.pop()
    if current in seen:
        continue
    seen.add(current)
    for dep in nodes[current]["deps"]:
        if any(kind["kind"] is None for kind in dep["dep_kinds"]):
            stack.append(dep["pkg"])
print(f"Rust crates built into {executables} (name, version, licence)")
print(f"Các thư viện Rust được biên dịch vào {executables} (tên, phiên bản, giấy phép)")
print()
for package in sorted((packages[i] for i in seen), key=lambda p: (p["name"], p["version"])):
    print(f'{package["name"]} {package["version"]}: {package.get("license") or "see the crate"}')
