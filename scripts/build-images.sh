#!/usr/bin/env bash
# Builds the container images of the three APIs with the .NET SDK itself (dotnet publish -t:PublishContainer, no
# Dockerfile): chiseled ASP.NET base, non-root user 1654, one port (8080), OCI labels with the commit.
# The settings live in the build files (Directory.Build.targets and each API's ContainerRepository).
#
# Usage: scripts/build-images.sh [--push REGISTRY/OWNER] [--version X.Y.Z] [--tag TAG] [--archive DIR]
#   (nothing)            into the local Docker or Podman daemon: payetonkawa-<api>:<version> and :<version>-<commit>
#   --push ghcr.io/acme  pushed as ghcr.io/acme/payetonkawa-<api> (log in to the registry first)
#   --version 1.2.0      the version of a release tag, instead of Directory.Build.props' own
#   --tag dev            this one tag instead of the version tags
#   --archive DIR        one .tar.gz per image in DIR, no daemon needed (the base image is still pulled)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

push="" version="" tag="" archive=""
while [ $# -gt 0 ]; do
    case "$1" in
        --push) push="${2:?--push attend REGISTRE/PROPRIÉTAIRE}"; shift 2 ;;
        --version) version="${2:?--version attend X.Y.Z}"; shift 2 ;;
        --tag) tag="${2:?--tag attend une étiquette}"; shift 2 ;;
        --archive) archive="${2:?--archive attend un dossier}"; shift 2 ;;
        -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "Option inconnue : $1 (voir --help)" >&2; exit 2 ;;
    esac
done

for api in Clients Produits Commandes; do
    name="payetonkawa-${api,,}"
    args=(-c Release -t:PublishContainer --nologo)
    if [ -n "$push" ]; then
        args+=("-p:ContainerRegistry=${push%%/*}" "-p:ContainerRepository=${push#*/}/${name}")
    fi
    [ -z "$version" ] || args+=("-p:Version=${version}")
    [ -z "$tag" ] || args+=("-p:ContainerImageTags=${tag}")
    if [ -n "$archive" ]; then
        mkdir -p "$archive"
        args+=("-p:ContainerArchiveOutputPath=$(realpath "$archive")/${name}.tar.gz")
    fi
    echo "==> Image ${name}"
    dotnet publish "PayeTonKawa.${api}" "${args[@]}"
done
