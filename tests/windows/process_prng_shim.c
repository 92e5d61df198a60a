/* FOR THE WINE TESTS ONLY, never shipped: Rust's standard library (1.78 and later) imports ProcessPrng from
 * bcryptprimitives.dll, which real Windows 10/11 have and Debian's Wine 8 lacks. tests/windows/
 * run_under_wine.sh builds this into a bcryptprimitives.dll placed beside the executables in its scratch
 * copy of the package. ProcessPrng fills the buffer from RtlGenRandom (advapi32's SystemFunction036). */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
