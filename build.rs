//! Windows only: puts the icon and the version information into `nianbao.exe`, so that Explorer,
//! the taskbar and 应用和功能 show them. Uses MinGW's `windres` (Debian `binutils-mingw-w64`) when
//! cross-compiling for `*-pc-windows-gnu`; on every other target this does nothing. Without a
//! `windres` the build goes on with a warning (the program works, it only lacks the icon).

use std::env;
use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/icons/nianbao.ico");
    println!("cargo:rerun-if-env-changed=WINDRES");
    if env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows")
        || env::var("CARGO_CFG_TARGET_ENV").as_deref() != Ok("gnu")
    {
        return;
    }
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR"));
    let icon = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("manifest dir"))
        .join("assets/icons/nianbao.ico");
    let version = env::var("CARGO_PKG_VERSION").expect("version");
    let numbers: Vec<u16> = version
        .split(['.', '-', '+'])
        .take(3)
        .map(|n| n.parse().unwrap_or(0))
        .collect();
    let (major, minor, patch) = (numbers[0], numbers[1], numbers[2]);
    let rc = format!(
        r#"#pragma code_page(65001)
1 ICON "{icon}"
1 VERSIONINFO
FILEVERSION {major},{minor},{patch},0
PRODUCTVERSION {major},{minor},{patch},0
FILEOS 0x40004
FILETYPE 0x1
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "080404B0"
    BEGIN
      VALUE "CompanyName", "nianbao developers"
      VALUE "FileDescription", "政府信息公开年报编制"
      VALUE "FileVersion", "{version}"
      VALUE "InternalName", "nianbao"
      VALUE "LegalCopyright", "MIT OR Apache-2.0"
      VALUE "OriginalFilename", "nianbao.exe"
      VALUE "ProductName", "政府信息公开年报编制"
      VALUE "ProductVersion", "{version}"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x0804, 1200
  END
END
"#,
        icon = icon.display().to_string().replace('\\', "/"),
    );
    let rc_path = out.join("nianbao.rc");
    std::fs::write(&rc_path, rc).expect("write nianbao.rc");
    let arch = env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default();
    let windres = env::var("WINDRES").unwrap_or_else(|_| format!("{arch}-w64-mingw32-windres"));
    let object = out.join("nianbao-resources.o");
    let status = Command::new(&windres)
        .args(["--codepage=65001", "-O", "coff", "-i"])
        .arg(&rc_path)
        .arg("-o")
        .arg(&object)
        .status();
    match status {
        Ok(s) if s.success() => {
            println!("cargo:rustc-link-arg-bins={}", object.display());
        }
        Ok(s) => println!("cargo:warning={windres} failed ({s}); nianbao.exe will have no icon"),
        Err(e) => {
            println!("cargo:warning={windres} not found ({e}); nianbao.exe will have no icon")
        }
    }
}
