#pragma once

#include <string>

namespace inception {

// Unpacks the official `cifar-10-binary.tar.gz` into `folder`/cifar-10-batches-bin and returns
// that path. Only the release's own members are accepted (cifar-10-batches-bin/ with its six
// batches, batches.meta.txt, readme.html); anything else, a path that leaves the folder, a link,
// a missing batch or a batch that does not read is an InputError naming the tarball. The files
// are written to a staging folder beside the target and renamed into place once they read as
// CIFAR-10: a failure leaves nothing behind, an existing copy is replaced only by a good one.
std::string extractCifar10(const std::string& tarball, const std::string& folder);

} // namespace inception
