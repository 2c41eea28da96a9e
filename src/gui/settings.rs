//! What the window remembers between runs (kept by eframe, never in a draft).

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

pub const KEY: &str = "nianbao-settings";

/// How many recently opened files the 文件 menu lists.
pub const MAX_RECENT: usize = 8;

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub recent: Vec<PathBuf>,
    pub zoom: f32,
    pub dark: bool,
    /// The list of the report's parts on the left is shown.
    pub show_sections: bool,
    /// The findings panel on the right is shown.
    pub show_findings: bool,
    /// The 图表 view is shown.
    pub show_charts: bool,
    /// The regional profile (地方要求) in use, loaded at start.
    pub profile: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            recent: Vec::new(),
            zoom: 1.0,
            dark: false,
            show_sections: true,
            show_findings: true,
            show_charts: false,
            profile: None,
        }
    }
}

impl Settings {
    /// Puts a file at the top of the recent list.
    pub fn remember(&mut self, path: &std::path::Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(MAX_RECENT);
    }
}
