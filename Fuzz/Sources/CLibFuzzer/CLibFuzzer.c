// Declarations only (see include/CLibFuzzer.h); the definition comes from libclang_rt.fuzzer.
#include "CLibFuzzer.h"
