/* Test-only shim for running nianbao.exe under Wine 8 (Debian 12).
 *
 * Rust's standard library (since 1.78) imports ProcessPrng from bcryptprimitives.dll, which
 * Windows 10 and 11 have and Wine 8 lacks. CI copies this DLL beside the .exe in its Wine prefix
 * only; it is never shipped. It forwards to RtlGenRandom (advapi32's SystemFunction036).
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
