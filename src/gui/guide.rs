//! 帮助 → 使用说明: finds the clerk's guide that every package installs (`docs/guide/` in the
//! source tree) and opens it in the browser.
//!
//! Where the packages put it:
//! - Windows setup and portable zip: `guide\index.html` beside `nianbao.exe`;
//! - .deb: `/usr/share/doc/nianbao/guide/index.html` (found from `/usr/bin/nianbao` as
//!   `../share/doc/nianbao/guide`, so a `/usr/local` or relocated install works too);
//! - `cargo run`: `docs/guide/index.html` in the source tree.

use std::path::{Path, PathBuf};

/// The places the guide's `index.html` is looked for, in order.
pub fn guide_candidates() -> Vec<PathBuf> {
    let mut places = Vec::new();
    if let Ok(exe) = std::env::current_exe() {
        // Resolve a symlink such as /usr/local/bin/nianbao → /opt/nianbao/bin/nianbao; on
        // Windows keep the path as it is (canonicalize gives a `\\?\` path browsers dislike).
        let exe = if cfg!(windows) {
            exe
        } else {
            exe.canonicalize().unwrap_or(exe)
        };
        if let Some(dir) = exe.parent() {
            places.push(dir.join("guide").join("index.html"));
            if !cfg!(windows) {
                places.push(dir.join("../share/doc/nianbao/guide/index.html"));
            }
        }
    }
    if !cfg!(windows) {
        places.push(PathBuf::from("/usr/share/doc/nianbao/guide/index.html"));
    }
    places.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/guide/index.html"));
    places
}

/// The installed guide's `index.html`, if there is one.
pub fn find_guide() -> Option<PathBuf> {
    guide_candidates().into_iter().find(|p| p.is_file())
}

/// Opens the guide in the system's browser, or says in Chinese why it cannot.
pub fn open_guide(ctx: &egui::Context) -> Result<(), String> {
    let Some(page) = find_guide() else {
        let looked: Vec<String> = guide_candidates()
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        return Err(format!(
            "找不到使用说明。已查找：\n{}\n\n使用说明随安装包一起安装；请重新安装本程序，\
             或在浏览器中打开安装文件夹 guide 子文件夹中的 index.html。",
            looked.join("\n")
        ));
    };
    ctx.open_url(egui::OpenUrl::new_tab(file_url(&page)));
    Ok(())
}

/// A `file://` URL for an absolute path, with everything but unreserved ASCII percent-encoded
/// (Chinese folder names, spaces), and Windows' `C:\…` written as `file:///C:/…`.
pub fn file_url(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut url = String::from("file://");
    if !text.starts_with('/') {
        url.push('/');
    }
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b':' => {
                url.push(byte as char)
            }
            _ => url.push_str(&format!("%{byte:02X}")),
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_encode_chinese_and_spaces() {
        assert_eq!(
            file_url(Path::new("/usr/share/doc/nianbao/guide/index.html")),
            "file:///usr/share/doc/nianbao/guide/index.html"
        );
        assert_eq!(
            file_url(Path::new(
                r"C:\Users\张 三\AppData\Local\Programs\nianbao\guide\index.html"
            )),
            "file:///C:/Users/%E5%BC%A0%20%E4%B8%89/AppData/Local/Programs/nianbao/guide/index.html"
        );
    }

    #[test]
    fn the_source_tree_guide_is_found() {
        let found = find_guide().expect("docs/guide/index.html in the source tree");
        assert!(found.ends_with("guide/index.html"));
    }

    #[test]
    fn opening_the_guide_asks_for_a_file_url() {
        let ctx = egui::Context::default();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            open_guide(ui.ctx()).expect("guide found");
        });
        output.textures_delta.clear(); // no renderer here to hand the font texture to
        let url = output
            .platform_output
            .commands
            .iter()
            .find_map(|c| match c {
                egui::OutputCommand::OpenUrl(open) => Some(open.url.clone()),
                _ => None,
            })
            .expect("an OpenUrl command");
        assert!(
            url.starts_with("file:///") && url.ends_with("/guide/index.html"),
            "{url}"
        );
    }
}
