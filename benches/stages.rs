//! Each stage of the pipeline on the sample reports: read, passes, the whole front half
//! (`prepare`: read, passes, pictures, links), plan + render, typeset (Typst layout), PDF
//! export. `cargo bench` prints medians per stage.

use criterion::{Criterion, criterion_group, criterion_main};
use folio::markdown::{ReadOptions, read};
use folio::render::{render_report, render_slides};
use folio::templates::Templates;
use folio::{Converter, ConverterOptions};
use std::hint::black_box;
use std::path::Path;

fn sample() -> String {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content/zh/2025.10.12-数据中心液冷产业观察.md");
    std::fs::read_to_string(path).expect("sample report")
}

fn stages(c: &mut Criterion) {
    let markdown = sample();
    let options = ReadOptions::default();
    c.bench_function("read", |b| b.iter(|| read(black_box(&markdown), &options).unwrap()));

    let (doc, _) = read(&markdown, &options).unwrap();
    c.bench_function("passes", |b| {
        b.iter(|| {
            let mut doc = doc.clone();
            folio::passes::run_all(black_box(&mut doc), &[])
        })
    });

    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/zh/sample.md");
    let input = folio::Input {
        path: &path,
        markdown: &markdown,
        base_dir: path.parent(),
        run: None,
        style: None,
    };
    c.bench_function("prepare", |b| {
        b.iter(|| folio::prepare::prepare(black_box(&input), &[], &Default::default()).unwrap())
    });
    let (cleaned, _) = folio::prepare::prepare(&input, &[], &Default::default()).unwrap();
    let templates = Templates::embedded();
    let style = Default::default();
    let theme = folio::theme::Theme::default();
    c.bench_function("render print", |b| {
        b.iter(|| render_report(black_box(&cleaned), &style, &templates))
    });
    c.bench_function("plan + render slides", |b| {
        b.iter(|| {
            render_slides(
                &folio::deck::plan(black_box(&cleaned), &Default::default(), &theme),
                &style,
                &templates,
            )
        })
    });

    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    let converter =
        Converter::new(ConverterOptions { font_dirs: vec![fonts], ..Default::default() }).unwrap();
    let typst = render_report(&cleaned, &style, &templates).unwrap();
    // Typst memoizes: in a batch, later documents reuse what the first one laid out.
    c.bench_function("typeset print (warm caches)", |b| {
        b.iter(|| converter.typeset_document(black_box(typst.clone()), None).unwrap())
    });
    let document = converter.typeset_document(typst.clone(), None).unwrap();
    c.bench_function("export print PDF", |b| {
        b.iter(|| folio::engine::export_pdf(black_box(&document), None).unwrap())
    });
}

criterion_group!(benches, stages);
criterion_main!(benches);
