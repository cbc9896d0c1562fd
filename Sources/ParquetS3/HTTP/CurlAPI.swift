import CCurl

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Typed entry points to libcurl's variadic `curl_easy_setopt`, which Swift cannot call directly.
///
/// The symbol is looked up once and called through non-variadic C function types, one per argument
/// kind (`long`/`curl_off_t`, pointer). On the System V x86-64 and AArch64 Linux ABIs a variadic
/// integer or pointer argument travels exactly like a fixed one, so this is the call the C compiler
/// would make. (Not valid on Apple arm64, where variadic arguments go on the stack; a C shim with typed
/// wrappers in `CCurl` would remove the need for this file.)
enum CurlAPI {
    typealias SetoptInteger = @convention(c) (UnsafeMutableRawPointer?, CURLoption, Int) -> CURLcode
    typealias SetoptPointer = @convention(c) (UnsafeMutableRawPointer?, CURLoption, UnsafeRawPointer?) -> CURLcode

    /// The two views of `curl_easy_setopt`, or nil if the symbol cannot be found.
    static let setopt: (integer: SetoptInteger, pointer: SetoptPointer)? = {
        #if os(macOS) || os(iOS) || os(tvOS) || os(watchOS)
        #if arch(arm64)
        return nil
        #endif
        #endif
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "curl_easy_setopt") else { return nil }
        return (unsafeBitCast(symbol, to: SetoptInteger.self), unsafeBitCast(symbol, to: SetoptPointer.self))
    }()

    /// `curl_global_init`, exactly once per process, before the first handle.
    static let globalInit: CURLcode = curl_global_init(Int(CURL_GLOBAL_ALL))
}
