#!/usr/bin/env bash
# Builds the LocalAcme image (localacme/localacme:<version> and :latest) with no registry at all.
#
#   ./mvnw -B -q -DskipTests package && sudo docker/build-image.sh
#
# 1. A base image with a Java runtime, built locally and cached as a tagged image: a Debian root
#    made by debootstrap from a Debian mirror, with security updates, and a Java runtime jlinked
#    from Debian's OpenJDK 17 packages down to the modules the jar needs; loaded with
#    `docker import`. It has eclipse-temurin's layout (/opt/java/openjdk), so docker/Dockerfile
#    works on either.
# 2. docker/Dockerfile on top of it, with the jar from server/target.
#
# The base image is rebuilt only when its recipe or the jar's module list changes, so re-runs
# take seconds. Building the base needs root (debootstrap, chroot) and the mirror; later runs
# need neither.
#
# Environment: DEBIAN_MIRROR, DEBIAN_SECURITY_MIRROR (an in-house mirror in air-gapped networks),
# LOCALACME_IMAGE (default localacme/localacme), KEEP_WORK=1 keeps docker/build/ for inspection.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
jar=$repo/server/target/localacme.jar
image=${LOCALACME_IMAGE:-localacme/localacme}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
security_mirror=${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
suite=bookworm
jdk_packages="openjdk-17-jre-headless openjdk-17-jdk-headless"
work=$here/build
rootfs=$work/rootfs   # becomes the base image
builder=$work/builder # a throwaway copy to build the runtime in

log() { echo "build-image: $*"; }
die() {
  echo "build-image: $*" >&2
  exit 1
}

# Runs a command with its output in a log file, shown only if it fails.
quietly() {
  "$@" >"$work/step.log" 2>&1 || {
    tail -n 30 "$work/step.log" >&2
    die "failed: $*"
  }
}

# Runs a shell script inside a root, with /proc mounted (the JDK's launchers need it).
in_root() {
  mount -t proc proc "$1/proc"
  quietly chroot "$1" env DEBIAN_FRONTEND=noninteractive sh -ec "$2"
  umount "$1/proc"
}

build_base() {
  [[ $(id -u) == 0 ]] || die "building the base image needs root (debootstrap, chroot); use sudo"
  command -v debootstrap >/dev/null || die "debootstrap is missing (apt-get install debootstrap)"
  local jdk=/usr/lib/jvm/java-17-openjdk-amd64
  rm -rf "$work"
  mkdir -p "$work"
  trap 'umount "$rootfs/proc" "$builder/proc" 2>/dev/null || true
        [[ ${KEEP_WORK:-} == 1 ]] || rm -rf "$work"' EXIT

  log "debootstrap $suite (minbase) from $mirror"
  quietly debootstrap --variant=minbase "$suite" "$rootfs" "$mirror"
  printf 'deb %s %s main\n' "$mirror" "$suite" "$mirror" "$suite-updates" \
    "$security_mirror" "$suite-security" >"$rootfs/etc/apt/sources.list"
  cp /etc/resolv.conf "$rootfs/etc/resolv.conf"
  log "security updates"
  in_root "$rootfs" 'apt-get -q update && apt-get -q -y upgrade'

  # The builder gets Debian's JDK unpacked (jlink needs its files, not
  # the package's scripts and dependencies) and binutils to strip the native libraries.
  cp -a "$rootfs" "$builder"
  log "jlink a runtime from Debian's $jdk_packages"
  in_root "$builder" "apt-get -q -y install --no-install-recommends binutils
    cd /tmp && apt-get -q download $jdk_packages
    for deb in *.deb; do dpkg-deb -x \$deb /; done"
  # classes_nocoops.jsa is the class data archive for heaps over 32 GB: never ours.
  in_root "$builder" "$jdk/bin/jlink --add-modules $modules --output /opt/java/openjdk \
      --strip-java-debug-attributes --no-man-pages --no-header-files --compress=2 \
      --generate-cds-archive
    rm /opt/java/openjdk/lib/server/classes_nocoops.jsa
    strip --strip-unneeded /opt/java/openjdk/bin/* /opt/java/openjdk/lib/*.so \
      /opt/java/openjdk/lib/server/*.so"
  mkdir -p "$rootfs/opt/java"
  cp -a "$builder/opt/java/openjdk" "$rootfs/opt/java/openjdk"

  log "trimming the root"
  # Java needs none of glibc's iconv modules, the manuals, translations or package lists.
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/* "$rootfs"/var/log/* \
    "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/* \
    "$rootfs"/usr/share/lintian "$rootfs"/usr/lib/x86_64-linux-gnu/gconv \
    "$rootfs"/etc/resolv.conf "$rootfs"/etc/hostname
  # Licences stay (each package's copyright file); the rest of the documentation goes, also
  # from packages that derived images install later.
  find "$rootfs/usr/share/doc" -type f ! -name copyright -delete
  find "$rootfs/usr/share/doc" -depth -type d -empty -delete
  printf '%s\n' 'path-exclude /usr/share/doc/*' 'path-include /usr/share/doc/*/copyright' \
    'path-exclude /usr/share/man/*' 'path-exclude /usr/share/info/*' \
    'path-exclude /usr/share/locale/*' >"$rootfs/etc/dpkg/dpkg.cfg.d/localacme-excludes"

  log "docker import $base"
  tar -C "$rootfs" --numeric-owner -c . | docker import \
    --change 'ENV JAVA_HOME=/opt/java/openjdk' \
    --change 'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'CMD ["java", "-version"]' \
    --message "Debian $suite (minbase) with a jlinked OpenJDK 17 runtime: $modules" \
    - "$base" >/dev/null
}

[[ -f $jar ]] || die "$jar is missing; build it first: ./mvnw -B -q -DskipTests package"
command -v docker >/dev/null || die "the docker command is missing"
docker info >/dev/null 2>&1 || die "no Docker engine answers (is dockerd running?)"
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
jdeps=${JAVA_HOME:+$JAVA_HOME/bin/}jdeps
command -v "$jdeps" >/dev/null || die "jdeps is missing; set JAVA_HOME to a JDK (17 or later)"

version=$("$java" -jar "$jar" --version | awk '{print $2}')
[[ -n $version ]] || die "cannot read the version from $jar"

# The modules the jar needs, as jdeps sees them, with two corrections:
# - java.desktop is only Jackson's optional use of java.beans (a `requires static`): 10 MB less;
# - jdk.crypto.ec is the SunEC provider (EC keys, ECDSA, EdDSA, XDH on Java 17), which the JDK
#   finds through its provider list, where jdeps cannot see it.
modules=$("$jdeps" --ignore-missing-deps --print-module-deps --multi-release 17 "$jar" |
  tr ',' '\n' | grep -v -x 'java.desktop' | { cat; echo jdk.crypto.ec; } | sort -u | paste -sd, -)
log "LocalAcme $version needs the Java modules $modules"

# The base image's tag names everything it is made from, so any change builds a new one.
recipe=$(sed -n '/^quietly()/,/^}/p; /^in_root()/,/^}/p; /^build_base()/,/^}/p' "$0")
key=$(printf '%s\n' "$suite" "$jdk_packages" "$modules" "$recipe" | sha256sum | cut -c1-12)
base=localacme/jre-base:17-$suite-$key

if docker image inspect "$base" >/dev/null 2>&1; then
  log "base image $base is cached"
else
  started=$SECONDS
  build_base
  log "base image $base built in $((SECONDS - started)) s"
fi

revision=$(git -C "$repo" rev-parse HEAD 2>/dev/null || echo unknown)
log "docker build $image:$version"
# The context holds only what the Dockerfile copies, at its paths in the repository.
tar -C "$repo" -c docker/Dockerfile server/target/localacme.jar | docker build -q \
  --build-arg BASE_IMAGE="$base" \
  --build-arg VERSION="$version" \
  --build-arg REVISION="$revision" \
  -f docker/Dockerfile -t "$image:$version" -t "$image:latest" - >/dev/null
size=$(docker image inspect -f '{{.Size}}' "$image:$version")
log "built $image:$version and $image:latest ($((size / 1000000)) MB)"
