//! Third-party converters (LaTeX math, Mermaid) may panic on odd input. Their panics are
//! caught and reported as a warning on the report's line, so the panic message must not
//! reach the terminal as well.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

thread_local! {
    /// Set while a guarded call runs on this thread.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`; `None` when it panicked, without the panic being printed. Panics elsewhere
/// (other threads, or after `f`) are printed as before.
pub fn catch_quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    static QUIET_HOOK: Once = Once::new();
    QUIET_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !GUARDED.with(Cell::get) {
                previous(info)
            }
        }));
    });
    let was = GUARDED.with(|flag| flag.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|flag| flag.set(was));
    result.ok()
}
