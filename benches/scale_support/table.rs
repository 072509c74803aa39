//! The scale bench's report: one row per figure, printed as it is measured and again as a
//! Markdown table at the end.

use std::time::Duration;

use super::corpus::mib;

/// One measured figure.
pub struct Row {
    pub name: String,
    /// The corpus it was measured on (`10k`), or what stands in for one.
    pub corpus: String,
    pub value: String,
    /// The figure against the corpus or the reference program, if that means anything.
    pub versus: String,
    /// How it was measured.
    pub how: String,
}

/// The rows measured so far.
#[derive(Default)]
pub struct Table {
    rows: Vec<Row>,
}

impl Table {
    /// Adds a row and prints it at once: a 30k run takes minutes.
    pub fn add(&mut self, row: Row) {
        println!(
            "{} [{}]: {}{}",
            row.name,
            row.corpus,
            row.value,
            if row.versus.is_empty() {
                String::new()
            } else {
                format!(" ({})", row.versus)
            }
        );
        self.rows.push(row);
    }

    /// Every row as a Markdown table.
    pub fn print(&self) {
        println!();
        println!("| figure | corpus | value | against | measured |");
        println!("|---|---|---|---|---|");
        for row in &self.rows {
            println!(
                "| {} | {} | {} | {} | {} |",
                row.name, row.corpus, row.value, row.versus, row.how
            );
        }
    }
}

/// `123 ms`, or `8.9 ms` under 10 ms.
pub fn ms(duration: Duration) -> String {
    let ms = duration.as_secs_f64() * 1_000.0;
    if ms < 10.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.0} ms")
    }
}

/// The median of `durations` with their range: `123 ms (110–140, 3 runs)`.
pub fn ms_of_runs(durations: &[Duration]) -> String {
    let median = median(durations);
    match durations.len() {
        0 | 1 => ms(median),
        runs => {
            let min = durations.iter().min().copied().unwrap_or_default();
            let max = durations.iter().max().copied().unwrap_or_default();
            format!(
                "{} ({}–{}, {runs} runs)",
                ms(median),
                ms(min).trim_end_matches(" ms"),
                ms(max)
            )
        }
    }
}

/// The median of `durations` (the lower middle one of an even count).
pub fn median(durations: &[Duration]) -> Duration {
    let mut sorted = durations.to_vec();
    sorted.sort();
    sorted
        .get(sorted.len().saturating_sub(1) / 2)
        .copied()
        .unwrap_or_default()
}

/// `424.0 MiB` of peak memory.
pub fn peak(bytes: u64) -> String {
    format!("{:.1} MiB", mib(bytes))
}

/// `3.10× the corpus`: `bytes` against the corpus on disk.
pub fn times_corpus(bytes: u64, corpus: u64) -> String {
    format!("{:.2}× the corpus", mib(bytes) / mib(corpus))
}
