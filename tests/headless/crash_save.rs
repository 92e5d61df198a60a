//! A process killed in the middle of saving never damages the previous save.
//!
//! The test binary runs itself again as a child that only executes [`save_loop_child`]: it saves one of a
//! few large, complete project versions after another, as fast as it can, to one project file. The parent
//! kills the child with SIGKILL at random moments, many times; after every kill the project file must
//! still read and be byte-for-byte one of the complete versions. A temporary file left behind by the kill
//! shows the kill landed in the middle of writing; the test requires that to have happened at least once.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use hpatlas::core::io::atomic_write::stale_temporaries;
use hpatlas::core::project::{Camera, ProjectFile, ProjectLayer};
use hpatlas::core::project_save::{project_text, save_project};
use hpatlas::core::review::{Pin, PinCategory, PinStatus, PinVersion};
use hpatlas::core::timestamp::Timestamp;

use crate::rng::{SeededRng, TestDraws};
use crate::scratch_folder;

/// The environment variable that tells the child which project file to save to.
const SAVE_LOOP_TARGET: &str = "HPATLAS_TEST_SAVE_LOOP_TARGET";
/// How many distinct complete versions the child cycles through.
const VERSION_COUNT: u64 = 3;

/// A large project (about 2.5 MB of JSON), different for each `version`.
fn large_project(version: u64) -> ProjectFile {
    let mut random = SeededRng::new(1_000 + version);
    let pins = (0..4_000).map(|_| random_pin(&mut random)).collect();
    ProjectFile {
        layers: (0..50)
            .map(|number| ProjectLayer {
                database: None,
                view_box: None,
                table: None,
                group: None,
                path: PathBuf::from(format!("lop/lop_{number}.geojson")),
                name: Some(format!("Lớp số {number} — phiên bản {version}")),
                crs: None,
                visible: number % 2 == 0,
                opacity: 1.0,
                style: None,
                palette: None,
            })
            .collect(),
        camera: Some(Camera {
            center_in_map: [597_432.0 + version as f64, 2_306_067.0],
            m_per_px: 10.0,
        }),
        pins,
        ..ProjectFile::new(format!("Dự án lớn, phiên bản {version}"))
    }
}

fn random_pin(random: &mut SeededRng) -> Pin {
    let created = Timestamp::from_unix_seconds(1_750_000_000 + random.below(1_000_000) as i64);
    let version = PinVersion {
        lon_deg: 106.3 + random.next_f64() * 0.8,
        lat_deg: 20.6 + random.next_f64() * 0.5,
        category: PinCategory::Issue,
        status: PinStatus::Open,
        text: format!(
            "Ghi chú hiện trường số {} — cần kiểm tra lại",
            random.below(1 << 30)
        ),
        author: "Nguyễn Văn An".into(),
        created,
        updated: created,
        photos: Vec::new(),
        deleted: false,
    };
    Pin {
        id: random.uuid(),
        current: version.clone(),
        history: vec![version; 1],
    }
}

/// The child: saves the versions in turn forever (does nothing unless started by the test below).
#[test]
#[ignore = "run only as the child of the kill test"]
fn save_loop_child() {
    let Some(target) = std::env::var_os(SAVE_LOOP_TARGET) else {
        return;
    };
    let target = PathBuf::from(target);
    let versions: Vec<ProjectFile> = (0..VERSION_COUNT).map(large_project).collect();
    let mut round: usize = 0;
    loop {
        let version = versions.get(round % versions.len()).expect("a version");
        save_project(&target, version).expect("save");
        round += 1;
        if round == 1 {
            std::fs::write(target.with_extension("started"), b"1").expect("marker");
        }
    }
}

fn spawn_child(target: &Path) -> Child {
    let executable = std::env::current_exe().expect("the test binary");
    Command::new(executable)
        .args([
            "--exact",
            "crash_save::save_loop_child",
            "--ignored",
            "--test-threads=1",
        ])
        .env(SAVE_LOOP_TARGET, target)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the child starts")
}

fn wait_for_first_save(marker: &Path, child: &mut Child) {
    let deadline = Instant::now() + Duration::from_secs(120);
    while !marker.exists() {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("the save loop ended early: {status}");
        }
        assert!(Instant::now() < deadline, "the save loop never saved");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn killing_the_process_mid_save_leaves_a_complete_project() {
    let folder = scratch_folder("crash-save");
    let target = folder.join("lon.hpatlas.json");
    let marker = target.with_extension("started");
    let expected: Vec<String> = (0..VERSION_COUNT)
        .map(|version| project_text(&target, &large_project(version)).expect("text"))
        .collect();
    let mut random = SeededRng::new(42);
    let (mut kills, mut mid_write) = (0, 0);
    while (kills < 20 || mid_write < 5) && kills < 80 {
        let _ = std::fs::remove_file(&marker);
        let mut child = spawn_child(&target);
        wait_for_first_save(&marker, &mut child);
        std::thread::sleep(Duration::from_millis(20 + random.below(400)));
        child.kill().expect("SIGKILL");
        child.wait().expect("reaped");
        kills += 1;
        if !stale_temporaries(&target).is_empty() {
            mid_write += 1;
        }
        let text = std::fs::read_to_string(&target).expect("the project file is there");
        let version = expected.iter().position(|complete| *complete == text);
        assert!(
            version.is_some(),
            "after kill {kills} the project is not one of the complete saves ({} bytes)",
            text.len()
        );
        ProjectFile::read(&target).expect("and it reads");
    }
    eprintln!("crash test: {kills} kills, {mid_write} in the middle of writing; every save intact");
    assert!(mid_write > 0, "no kill landed mid-write in {kills} tries");
}
