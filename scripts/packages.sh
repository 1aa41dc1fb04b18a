# Sourced by scripts/run and scripts/test: installs the Debian packages the build needs.
# Idempotent: nothing happens when all are present; otherwise `apt-get update` first.

INCEPTION_PACKAGES=(
    build-essential cmake ninja-build ccache pkg-config
    libtorch-dev libopenblas0-pthread libgloo-dev
    libopencv-dev nlohmann-json3-dev libcli11-dev libarchive-dev zlib1g-dev
    libonnx-dev libprotobuf-dev libfaiss-dev
    qt6-base-dev libqcustomplot-dev fonts-dejavu-core
    googletest libgtest-dev
    desktop-file-utils appstream poppler-utils
    clang-14 libclang-rt-14-dev
    python3-pil python3-numpy python3-torch
)

inception_install_packages() {
    local missing=()
    for package in "${INCEPTION_PACKAGES[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$package")
        fi
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing missing Debian packages: ${missing[*]}"
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "error: need root or sudo to install: ${missing[*]}" >&2; return 1; }
        sudo=(sudo)
    fi
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}
