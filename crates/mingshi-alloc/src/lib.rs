//! A small memory allocator for the browser component, where every byte of wasm is
//! downloaded: power-of-two size classes with a free list each, carved from memory the
//! module grows page by page. It replaces the standard library's dlmalloc (about 6 KB of
//! wasm) with about 1 KB.
//!
//! Good for what the component does (a few thousand small, short-lived allocations); not a
//! general-purpose allocator: freed memory is reused only for blocks of the same class, and
//! nothing is returned to the browser (wasm memory cannot shrink anyway).
//!
//! - Blocks of 16 bytes to 64 KB: the request (size, at least its alignment) is rounded up to
//!   a power of two; a freed block goes on its class's list, its first word linking the next.
//!   New blocks are cut from the current region, aligned to their own size (at most a page),
//!   so every block is aligned to its class and any alignment up to a page is met.
//! - Larger blocks take whole pages; freed runs of pages are kept on one list, split on reuse.
//!
//! `dealloc` is told the layout, so blocks carry no header.
//!
//! ```ignore
//! #[cfg(target_arch = "wasm32")]
//! #[global_allocator]
//! static ALLOC: mingshi_alloc::Wasm = mingshi_alloc::Wasm::new();
//! ```

#![no_std]

use core::alloc::Layout;
use core::ptr;

#[cfg(target_arch = "wasm32")]
pub use global::Wasm;

/// Wasm page size.
pub const PAGE: usize = 65536;
const MIN_SHIFT: u32 = 4;
const MAX_SHIFT: u32 = 16;
const CLASSES: usize = (MAX_SHIFT - MIN_SHIFT + 1) as usize;

/// The allocator's state; the memory itself comes from a `grow(pages) -> Option<address>`
/// function, so the same code runs on a test buffer natively.
pub struct Heap {
    /// Head of each class's free list (0: empty).
    free: [usize; CLASSES],
    /// Freed runs of pages: each starts with (next run, its page count).
    free_pages: usize,
    /// The region new small blocks are cut from.
    next: usize,
    end: usize,
}

/// The class of a request of `size` bytes (already at least its alignment), if small.
fn class_of(size: usize) -> Option<usize> {
    let block = size.max(1 << MIN_SHIFT).checked_next_power_of_two()?;
    let shift = block.trailing_zeros();
    (shift <= MAX_SHIFT).then_some((shift - MIN_SHIFT) as usize)
}

fn pages_for(size: usize) -> usize {
    size.div_ceil(PAGE)
}

impl Heap {
    pub const fn new() -> Heap {
        Heap {
            free: [0; CLASSES],
            free_pages: 0,
            next: 0,
            end: 0,
        }
    }

    /// A block for `layout`, or null when `grow` fails.
    ///
    /// # Safety
    /// `grow(n)` must hand out `n` fresh pages (page-aligned, never handed out before).
    pub unsafe fn alloc(
        &mut self,
        layout: Layout,
        grow: &mut impl FnMut(usize) -> Option<usize>,
    ) -> *mut u8 {
        let size = layout.size().max(layout.align());
        match class_of(size) {
            Some(class) => self.alloc_small(class, grow),
            None => self.alloc_pages(pages_for(size), grow),
        }
    }

    /// Returns a block from [`Heap::alloc`] with the same `layout`.
    ///
    /// # Safety
    /// `ptr` must come from `alloc` on this heap with `layout`, and not be freed already.
    pub unsafe fn dealloc(&mut self, ptr: *mut u8, layout: Layout) {
        let size = layout.size().max(layout.align());
        let addr = ptr as usize;
        match class_of(size) {
            Some(class) => {
                *(addr as *mut usize) = self.free[class];
                self.free[class] = addr;
            }
            None => {
                let words = addr as *mut usize;
                *words = self.free_pages;
                *words.add(1) = pages_for(size);
                self.free_pages = addr;
            }
        }
    }

    unsafe fn alloc_small(
        &mut self,
        class: usize,
        grow: &mut impl FnMut(usize) -> Option<usize>,
    ) -> *mut u8 {
        let head = self.free[class];
        if head != 0 {
            self.free[class] = *(head as *const usize);
            return head as *mut u8;
        }
        let block = 1usize << (class as u32 + MIN_SHIFT);
        let mut start = self.next.next_multiple_of(block.min(PAGE));
        if start + block > self.end {
            let pages = pages_for(block);
            let Some(base) = grow(pages) else {
                return ptr::null_mut();
            };
            // Memory right after the region makes it longer; anywhere else (a page run or
            // someone else grew memory in between) starts a new region.
            if base != self.end {
                self.next = base;
            }
            self.end = base + pages * PAGE;
            start = self.next.next_multiple_of(block.min(PAGE));
        }
        self.next = start + block;
        start as *mut u8
    }

    unsafe fn alloc_pages(
        &mut self,
        pages: usize,
        grow: &mut impl FnMut(usize) -> Option<usize>,
    ) -> *mut u8 {
        // First fit among freed runs; the rest of a longer run stays free.
        let mut link: *mut usize = &mut self.free_pages;
        while *link != 0 {
            let run = *link as *mut usize;
            let have = *run.add(1);
            if have >= pages {
                if have == pages {
                    *link = *run;
                } else {
                    let rest = (run as usize + pages * PAGE) as *mut usize;
                    *rest = *run;
                    *rest.add(1) = have - pages;
                    *link = rest as usize;
                }
                return run as *mut u8;
            }
            link = run;
        }
        grow(pages).map_or(ptr::null_mut(), |base| base as *mut u8)
    }
}

impl Default for Heap {
    fn default() -> Heap {
        Heap::new()
    }
}

/// The global allocator for `wasm32-unknown-unknown`.
#[cfg(target_arch = "wasm32")]
mod global {
    use core::alloc::{GlobalAlloc, Layout};
    use core::cell::UnsafeCell;
    use core::ptr;

    use super::{class_of, Heap, PAGE};

    /// The global allocator for `wasm32-unknown-unknown` (single-threaded).
    pub struct Wasm(UnsafeCell<Heap>);

    // Safety: the browser component runs on one thread (no wasm threads, no shared memory).
    unsafe impl Sync for Wasm {}

    impl Wasm {
        pub const fn new() -> Wasm {
            Wasm(UnsafeCell::new(Heap::new()))
        }
    }

    impl Default for Wasm {
        fn default() -> Wasm {
            Wasm::new()
        }
    }

    fn grow_memory(pages: usize) -> Option<usize> {
        let old = core::arch::wasm32::memory_grow(0, pages);
        (old != usize::MAX).then_some(old * PAGE)
    }

    unsafe impl GlobalAlloc for Wasm {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            (*self.0.get()).alloc(layout, &mut grow_memory)
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            (*self.0.get()).dealloc(ptr, layout)
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            // Same class: the block already has room.
            let old = layout.size().max(layout.align());
            let new = new_size.max(layout.align());
            if class_of(old).is_some() && class_of(old) == class_of(new) {
                return ptr;
            }
            let Ok(new_layout) = Layout::from_size_align(new_size, layout.align()) else {
                return ptr::null_mut();
            };
            let heap = &mut *self.0.get();
            let out = heap.alloc(new_layout, &mut grow_memory);
            if !out.is_null() {
                ptr::copy_nonoverlapping(ptr, out, layout.size().min(new_size));
                heap.dealloc(ptr, layout);
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use std::vec::Vec;

    /// Page-aligned memory handed out page by page, like `memory.grow`.
    struct Memory {
        buf: Vec<u8>,
        base: usize,
        used_pages: usize,
        max_pages: usize,
    }

    impl Memory {
        fn new(max_pages: usize) -> Memory {
            let buf = std::vec![0u8; (max_pages + 1) * PAGE];
            let base = (buf.as_ptr() as usize).next_multiple_of(PAGE);
            Memory {
                buf,
                base,
                used_pages: 0,
                max_pages,
            }
        }

        fn grow(&mut self, pages: usize) -> Option<usize> {
            assert!(!self.buf.is_empty());
            if self.used_pages + pages > self.max_pages {
                return None;
            }
            let at = self.base + self.used_pages * PAGE;
            self.used_pages += pages;
            Some(at)
        }
    }

    /// A deterministic generator, so a failure replays.
    struct Rng(u64);
    impl Rng {
        fn below(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % n
        }
    }

    #[test]
    fn blocks_are_aligned_disjoint_and_keep_their_contents() {
        let mut mem = Memory::new(1024);
        let mut heap = Heap::new();
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        // (address, layout, fill byte)
        let mut live: Vec<(usize, Layout, u8)> = Vec::new();
        for step in 0..20_000u32 {
            let grow_odds = if live.len() < 400 { 60 } else { 40 };
            if live.is_empty() || rng.below(100) < grow_odds {
                let size = match rng.below(10) {
                    0 => 70_000 + rng.below(200_000) as usize,
                    1..=3 => rng.below(2_000) as usize + 1,
                    _ => rng.below(64) as usize + 1,
                };
                let align = 1usize << rng.below(6);
                let layout = Layout::from_size_align(size, align).unwrap();
                let p = unsafe { heap.alloc(layout, &mut |n| mem.grow(n)) } as usize;
                assert_ne!(p, 0, "out of test memory at step {step}");
                assert_eq!(p % align, 0, "misaligned block at step {step}");
                for (q, l, _) in &live {
                    assert!(
                        p + size <= *q || q + l.size() <= p,
                        "overlap at step {step}"
                    );
                }
                let fill = step as u8;
                unsafe { ptr::write_bytes(p as *mut u8, fill, size) };
                live.push((p, layout, fill));
            } else {
                let (p, layout, fill) = live.swap_remove(rng.below(live.len() as u64) as usize);
                let bytes = unsafe { core::slice::from_raw_parts(p as *const u8, layout.size()) };
                assert!(
                    bytes.iter().all(|b| *b == fill),
                    "block changed at step {step}"
                );
                unsafe { heap.dealloc(p as *mut u8, layout) };
            }
        }
    }

    #[test]
    fn freed_blocks_are_reused_and_page_runs_split() {
        let mut mem = Memory::new(64);
        let mut heap = Heap::new();
        let small = Layout::from_size_align(24, 8).unwrap();
        let a = unsafe { heap.alloc(small, &mut |n| mem.grow(n)) };
        unsafe { heap.dealloc(a, small) };
        let b = unsafe {
            heap.alloc(Layout::from_size_align(32, 4).unwrap(), &mut |n| {
                mem.grow(n)
            })
        };
        assert_eq!(a, b, "a freed block of the same class is handed out again");

        let big = Layout::from_size_align(4 * PAGE, 8).unwrap();
        let run = unsafe { heap.alloc(big, &mut |n| mem.grow(n)) };
        let pages_before = mem.used_pages;
        unsafe { heap.dealloc(run, big) };
        let one = Layout::from_size_align(PAGE + 1, 8).unwrap();
        let first = unsafe { heap.alloc(one, &mut |n| mem.grow(n)) };
        let second = unsafe {
            heap.alloc(Layout::from_size_align(PAGE * 2, 8).unwrap(), &mut |n| {
                mem.grow(n)
            })
        };
        assert_eq!(first, run, "reuses the freed run");
        assert_eq!(
            second as usize,
            run as usize + 2 * PAGE,
            "then the rest of it"
        );
        assert_eq!(mem.used_pages, pages_before, "without growing memory");
    }

    #[test]
    fn out_of_memory_is_null() {
        let mut mem = Memory::new(2);
        let mut heap = Heap::new();
        let huge = Layout::from_size_align(10 * PAGE, 8).unwrap();
        assert!(unsafe { heap.alloc(huge, &mut |n| mem.grow(n)) }.is_null());
    }
}
