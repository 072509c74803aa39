//! Work spread over every core: a slice cut into one run per core, each run on a thread of
//! its own, the results back in the slice's order.

use std::thread;

/// `work` applied to every item, on every core, in the order of `items`. Fewer than eight
/// items, or one core, are done on the calling thread: threads would cost more than they
/// save. A panic in `work` reaches the caller as is.
pub fn map_on_every_core<T: Sync, U: Send>(items: &[T], work: impl Fn(&T) -> U + Sync) -> Vec<U> {
    let workers = thread::available_parallelism().map_or(1, usize::from);
    if workers < 2 || items.len() < 8 {
        return items.iter().map(work).collect();
    }
    let chunk = items.len().div_ceil(workers);
    let work = &work;
    thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(work).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_once_in_order() {
        let items: Vec<usize> = (0..1000).collect();
        assert_eq!(
            map_on_every_core(&items, |i| i * 2),
            (0..1000).map(|i| i * 2).collect::<Vec<_>>()
        );
        assert_eq!(map_on_every_core(&items[..3], |i| i + 1), [1, 2, 3]);
    }
}
