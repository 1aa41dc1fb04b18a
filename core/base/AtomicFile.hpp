#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace inception {

// Writes `bytes` to a temporary file beside `path`, fsyncs it, then renames it over `path`:
// readers see the old file or the new one, never half of one. Throws InputError on failure.
void writeFileAtomically(const std::string& path, std::string_view bytes);

// Lets `write` fill a temporary file beside `path` (a library's writer, which throws on
// failure), fsyncs it and renames it over `path`. The temporary file is removed when anything
// fails, and the exception goes on.
void writeThroughTemporary(const std::string& path,
                           const std::function<void(const std::string& temporary)>& write);

// fsyncs a file written by someone else (a library) before it is renamed into place.
void syncFile(const std::string& path);
// Renames `from` over `to` and fsyncs the folder so the rename survives a crash.
void renameDurably(const std::string& from, const std::string& to);
// A unique temporary name beside `path`.
std::string temporaryPathFor(const std::string& path);

// Fault injection, as SQLite's I/O-error tests do it (docs/hardening.md): with
// INCEPTION_FAIL_WRITES=ERRNO:TEXT[:SKIP] in the environment, every atomic write above whose
// path contains TEXT fails as if the disk had returned ERRNO (ENOSPC, EDQUOT, EROFS or EIO),
// once SKIP of them have succeeded. The failure takes the path a real one takes: the temporary
// file is removed and an InputError names the file. Returns the errno to fail with, or 0.
int injectedWriteFailure(const std::string& path);

} // namespace inception
