// libFuzzer's driver entry point (libclang_rt.fuzzer, linked by -sanitize=fuzzer).
// SwiftPM links an executable target's entry point as `<Target>_main`; the fuzz targets define that
// symbol and hand control to libFuzzer through this function.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
