use super::*;

fn embedded(name: &str) -> String {
    Templates::embedded().file(&format!("themes/{name}.toml")).unwrap().to_string()
}

fn words() -> BTreeMap<String, Words> {
    parse_words(Templates::embedded().file(WORDS_FILE).unwrap()).unwrap()
}

#[test]
fn every_embedded_theme_loads_with_the_words_of_both_languages() {
    let themes = Themes::load(&Templates::embedded()).unwrap();
    assert_eq!(themes.names(), ["corporate", "minimal"]);
    for name in themes.names() {
        let theme = themes.styled(&name, None);
        assert_eq!(theme.words_for("zh").page, "第 {n} 页 / 共 {total} 页");
        assert_eq!(theme.words_for("zh-CN").continued, "（续）");
        assert_eq!(theme.words_for("en").agenda, "Agenda");
        assert_eq!(theme.words_for("fr").agenda, "Agenda", "other languages take English");
        assert!(theme.slide.fit_scales.len() > 1);
    }
    let corporate = themes.styled("corporate", None);
    assert_eq!(corporate.colours.accent.office_hex(), "1F4E79");
    assert_eq!(corporate.colours.accent_light().office_hex(), "D7DFE7");
    assert_eq!(corporate, Theme::default());
}

#[test]
fn a_theme_missing_a_key_fails_naming_the_file_and_the_key() {
    let text = embedded("corporate").replace("accent = \"#1f4e79\"\n", "");
    let err = Theme::parse("themes/neon.toml", &text, &words()).unwrap_err();
    assert_eq!(err.file, "themes/neon.toml");
    assert!(err.to_string().starts_with("themes/neon.toml:"), "{err}");
    assert!(err.message.contains("missing field `accent`"), "{err}");

    let text = embedded("corporate").replace("lines = 13.0\n", "");
    let err = Theme::parse("themes/neon.toml", &text, &words()).unwrap_err();
    assert!(err.message.contains("missing field `lines`"), "{err}");
}

#[test]
fn a_bad_colour_or_an_unknown_key_fails_naming_it() {
    let text = embedded("minimal").replace("muted = \"#5f5f5f\"", "muted = \"grey\"");
    let err = Theme::parse("themes/minimal.toml", &text, &words()).unwrap_err();
    assert!(err.message.contains("\"grey\" is not a colour"), "{err}");
    let line = text.lines().position(|l| l.starts_with("muted")).unwrap() + 1;
    assert_eq!(err.line, Some(line), "the line of the bad colour: {err}");

    let text = embedded("minimal").replace("[cover]\n", "[cover]\nbands = true\n");
    let err = Theme::parse("themes/minimal.toml", &text, &words()).unwrap_err();
    assert!(err.message.contains("unknown field `bands`"), "{err}");

    let text = embedded("minimal").replace("fit-scales = [1.0,", "fit-scales = [1.5,");
    let err = Theme::parse("themes/minimal.toml", &text, &words()).unwrap_err();
    assert!(err.message.contains("slide.fit-scales"), "{err}");
}

#[test]
fn words_need_english_and_every_key() {
    let err = parse_words("[zh]\nregion = \"cn\"\n").unwrap_err();
    assert!(err.to_string().starts_with("words.toml:"), "{err}");
    assert!(err.message.contains("missing field"), "{err}");
    let text = Templates::embedded().file(WORDS_FILE).unwrap().replace("[en", "[de");
    let err = parse_words(&text).unwrap_err();
    assert!(err.message.contains("`en`"), "{err}");
}

#[test]
fn brand_colour_replaces_the_accent_and_its_light_tint() {
    let themes = Themes::load(&Templates::embedded()).unwrap();
    let branded = themes.styled("minimal", Some("#8A1538"));
    assert_eq!(branded.colours.accent.to_string(), "#8a1538");
    assert_eq!(branded.colours.accent_light(), Colour::parse("#8a1538").unwrap().lighten(0.82));
    assert_eq!(branded.colours.muted, themes.styled("minimal", None).colours.muted);
    assert!(branded.to_json().contains("\"accent\":\"#8a1538\""));
    assert_eq!(themes.styled("no-such-theme", None), themes.styled(DEFAULT_THEME, None));
}

#[test]
fn words_fill_their_placeholders() {
    let theme = Theme::default();
    let (zh, en) = (theme.words_for("zh"), theme.words_for("en"));
    assert_eq!(zh.more(3, &zh.units.rows), "……另有 3 行，见备注与简报 PDF。");
    assert_eq!(en.more(3, &en.units.rows), "… 3 more rows in the notes and the print briefing.");
    assert_eq!(en.numbered(&en.figure, 2), "Figure 2: ");
    assert_eq!(zh.numbered(&zh.table, 1), "表 1\u{2003}");
    assert_eq!(zh.callout(AlertKind::Caution), "小心");
}
