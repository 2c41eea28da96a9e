//! Helpers shared by the integration tests.

use nianbao::draft::{ContactField, Draft, Part, TextField};

/// Puts `hostile` into every text the clerk can type that an export prints: the body's name, the
/// title, the contact data, every narrative field, and a new part's heading and text. The body
/// becomes "某局…", the title "标题…", each paragraph field "段落…\n第二段…".
pub fn fill_with_hostile_text(d: &mut Draft, hostile: &str) {
    d.body = format!("某局{hostile}");
    d.title_override = Some(format!("标题{hostile}"));
    for field in ContactField::ALL {
        *d.contact.get_mut(field) = format!("{}{hostile}", field.label());
    }
    for field in [
        TextField::Preamble,
        TextField::OverviewIntro,
        TextField::Problems,
        TextField::OtherMatters,
    ] {
        *d.text_mut(field).expect("a text field") = format!("段落{hostile}\n第二段{hostile}");
    }
    d.parts.push(Part {
        heading: format!("标题{hostile}"),
        text: hostile.to_string(),
    });
}

/// The project's folder.
pub fn root() -> &'static std::path::Path {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// An example draft from `assets/examples`.
pub fn example(name: &str) -> Draft {
    nianbao::draft_file::load(&root().join("assets/examples").join(name)).expect("an example")
}

/// The examples: both seeds, and 晋江 with its published faults corrected.
pub const EXAMPLES: [&str; 3] = [
    "2021-jinjiang.ron",
    "2021-jinjiang-corrected.ron",
    "2019-yonghe.ron",
];

/// Three consecutive years of one body in `dir`, made with 新建下一年度; returns their paths.
#[allow(dead_code)] // Not every test crate draws trends.
pub fn three_years(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut draft = example("2021-jinjiang-corrected.ron");
    let mut paths = Vec::new();
    for i in 0..3 {
        if i > 0 {
            draft = nianbao::years::next_year(&draft).unwrap().draft;
            // Each year its own figure, so that the points differ.
            let key = draft
                .format
                .def()
                .cell(nianbao::format::TableId::T3, "new", "natural")
                .unwrap()
                .key();
            draft
                .cells
                .insert(key, nianbao::value::Value::Count(100 + 10 * i));
        }
        let path = dir.join(format!("{}.ron", draft.year));
        nianbao::draft_file::save(&draft, &path).unwrap();
        paths.push(path);
    }
    paths
}

/// LibreOffice's program, or `None` (said on stderr) where it is not installed. `.ci/run`
/// installs it and sets NIANBAO_REQUIRE_LIBREOFFICE=1, which turns its absence into a failure.
#[allow(dead_code)] // Only the tests that print Word documents to PDF.
pub fn soffice() -> Option<&'static str> {
    let found = ["soffice", "libreoffice"].into_iter().find(|b| {
        std::process::Command::new(b)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if found.is_none() {
        assert!(
            std::env::var_os("NIANBAO_REQUIRE_LIBREOFFICE").is_none(),
            "LibreOffice is required here but not installed"
        );
        eprintln!("skipped: LibreOffice (soffice) is not installed");
    }
    found
}

/// `draft` exported to Word by nianbao and printed to `dir/<stem>.pdf` by LibreOffice, with a
/// profile of its own in `dir` (a clerk's running LibreOffice or a stale lock must not
/// interfere). Returns the PDF's path and LibreOffice's run.
#[allow(dead_code)] // Only the tests that print Word documents to PDF.
pub fn docx_to_pdf(
    soffice: &str,
    dir: &std::path::Path,
    stem: &str,
    draft: &Draft,
) -> (std::path::PathBuf, std::process::Output) {
    use nianbao::export::{ValueOptions, docx::export_docx};
    let profile = format!("file://{}", dir.join("profile").display());
    let docx = dir.join(format!("{stem}.docx"));
    std::fs::write(&docx, export_docx(draft, ValueOptions::default()).unwrap()).unwrap();
    let run = std::process::Command::new(soffice)
        .arg(format!("-env:UserInstallation={profile}"))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(&docx)
        .output()
        .unwrap();
    (dir.join(format!("{stem}.pdf")), run)
}

/// An import's notes, one line each, as the clerk reads them.
#[allow(dead_code)] // Only the import tests.
pub fn notes(import: &nianbao::import::Import) -> String {
    import
        .notes
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}
