#!/bin/bash
# Device side of the GPU check (issue 10). Run from the repo root on the device machine, after the
# bundle's parts have arrived (see .gpu/README.txt). Unpacks Chromium, Node and playwright-core
# into .gpu/, sets up the GL/Vulkan loaders, runs .gpu/check.mjs; the log lands in $OUT.
set -u
cd "$(dirname "$0")/.."
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT"
exec > >(tee "$OUT/run.log") 2>&1
t0=$(date +%s)
[ -n "${SKIP_DPKG:-}" ] || { for f in .gl/*.deb; do dpkg -x "$f" /; done; ldconfig; }
G=/tmp/g; mkdir -p $G
for d in .gpu/xfer1 .gpu/xfer2 .gpu/xfer3; do [ -d $d ] && mv $d/* $G/ 2>/dev/null; done
ls -la $G
if [ ! -x .gpu/chromium/chromium ]; then
  (cd .gpu && tar -xJf $G/rest.tar.xz) || exit 11
  cat $G/chromium-bin.xz.a? | xz -dc > .gpu/chromium/chromium || exit 12
  chmod +x .gpu/chromium/chromium
fi
[ -x .gpu/node ] || { xz -dc $G/node.xz > .gpu/node && chmod +x .gpu/node; } || exit 13
echo "unpacked in $(( $(date +%s) - t0 )) s"
nvidia-smi -L; grep PRETTY /etc/os-release
N=/usr/local/nvidia
for f in $N/share/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.json /etc/vulkan/icd.d/nvidia_icd.json; do
  [ -f $f ] && { export VK_DRIVER_FILES=$f VK_ICD_FILENAMES=$f; break; }; done
for f in $N/share/glvnd/egl_vendor.d/10_nvidia.json /usr/share/glvnd/egl_vendor.d/10_nvidia.json; do
  [ -f $f ] && { export __EGL_VENDOR_LIBRARY_FILENAMES=$f; break; }; done
echo "VK_DRIVER_FILES=${VK_DRIVER_FILES:-unset} __EGL_VENDOR_LIBRARY_FILENAMES=${__EGL_VENDOR_LIBRARY_FILENAMES:-unset}"
ldconfig -p | grep -E 'libEGL_nvidia|libGLX_nvidia|libEGL.so.1|libvulkan.so.1' | head
export LD_LIBRARY_PATH=$PWD/.gpu/chromium/lib:$N/lib64:$N/lib
export HOME=/tmp/gpu-home WATCHDOG_S=${WATCHDOG_S:-190}; mkdir -p $HOME
# The tracked harness, not a stale copy from an older bundle (it runs from .gpu/ for its node_modules).
cp scripts/gpu/check.mjs .gpu/check.mjs 2>/dev/null
ROUND_TIMEOUT=${ROUND_TIMEOUT:-30000} timeout ${CHECK_TIMEOUT:-200} .gpu/node .gpu/check.mjs
echo "check exit $? after $(( $(date +%s) - t0 )) s"
