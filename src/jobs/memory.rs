//! How much memory a worker process holds, so the parent can stop a runaway document
//! before it takes the machine's memory (a 200 KB report took 3.8 GB before the caps
//! of issue 22; a limit catches what no cap foresaw). The parent watches from outside:
//! the worker's allocator and Typst need no limit of their own, and the message is clear.

use std::time::Duration;

/// Default memory limit of one worker process, in MB: six times the largest real
/// report measured (about 550 MB).
pub const DEFAULT_MAX_MEMORY_MB: u64 = 3072;

/// How often the parent looks at a busy worker's memory.
pub const WATCH_INTERVAL: Duration = Duration::from_millis(100);

/// The resident memory of process `pid`, in MB; `None` where the system does not say
/// (only Linux's `/proc` is read: elsewhere the limit does not apply).
pub fn resident_mb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    let kilobytes: u64 =
        line.trim_start_matches("VmRSS:").trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kilobytes / 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(target_os = "linux")]
    fn this_process_holds_some_memory() {
        let mb = resident_mb(std::process::id()).expect("Linux reports VmRSS");
        assert!(mb > 0 && mb < 64 * 1024, "{mb}");
    }

    #[test]
    fn a_process_that_does_not_exist_reports_nothing() {
        assert_eq!(resident_mb(u32::MAX), None);
    }
}
