//! The grids behind fast spatial lookups: [`Packed`] lists of indexes per grid cell in two flat
//! arrays (a `Vec` per cell would cost 24 bytes per cell before holding anything — for every
//! municipality of Germany, more than the polygons themselves), and [`BoxIndex`], which finds
//! the few of many shapes whose bounding box reaches a point.

/// Per slot a list of `T`: slot `i` holds `items[starts[i]..starts[i + 1]]`, side by side.
#[derive(Clone, Debug)]
pub struct Packed<T = u32> {
    starts: Vec<u32>,
    items: Vec<T>,
}

impl<T> Default for Packed<T> {
    fn default() -> Packed<T> {
        Packed {
            starts: vec![0],
            items: Vec::new(),
        }
    }
}

impl<T: Copy + Default> Packed<T> {
    /// Packs `slots` lists, given as (slot, item) pairs in any order; a slot keeps the order in
    /// which its items came.
    pub fn from_pairs(slots: usize, pairs: &[(u32, T)]) -> Packed<T> {
        let mut starts = vec![0u32; slots + 1];
        for &(slot, _) in pairs {
            starts[slot as usize + 1] += 1;
        }
        for i in 0..slots {
            starts[i + 1] += starts[i];
        }
        let mut next = starts.clone();
        let mut items = vec![T::default(); pairs.len()];
        for &(slot, item) in pairs {
            let at = &mut next[slot as usize];
            items[*at as usize] = item;
            *at += 1;
        }
        Packed { starts, items }
    }

    #[inline]
    pub fn get(&self, slot: usize) -> &[T] {
        &self.items[self.starts[slot] as usize..self.starts[slot + 1] as usize]
    }

    /// All items of all slots.
    pub fn items(&self) -> &[T] {
        &self.items
    }
}

/// Bounding boxes `[min_x, min_y, max_x, max_y]` (degrees) under a uniform grid: each cell
/// lists the boxes that reach into it, with the boxes themselves (rounded outwards to `f32`),
/// so the boxes near a point are found in one short run of memory, among the few of its cell
/// instead of all of them.
#[derive(Clone, Debug, Default)]
pub struct BoxIndex {
    min_x: f64,
    min_y: f64,
    max_x: f64,
    max_y: f64,
    cell_w: f64,
    cell_h: f64,
    cols: usize,
    rows: usize,
    cells: Packed<Entry>,
}

/// A box in a cell's list: which, and where (never smaller than the box itself).
#[derive(Clone, Copy, Debug, Default)]
struct Entry {
    id: u32,
    min_x: f32,
    min_y: f32,
    max_x: f32,
    max_y: f32,
}

/// `value` as an `f32` no greater than it.
fn down(value: f64) -> f32 {
    let f = value as f32;
    if f64::from(f) > value {
        f.next_down()
    } else {
        f
    }
}

/// `value` as an `f32` no less than it.
fn up(value: f64) -> f32 {
    let f = value as f32;
    if f64::from(f) < value {
        f.next_up()
    } else {
        f
    }
}

impl BoxIndex {
    pub fn new(boxes: &[[f64; 4]]) -> BoxIndex {
        if boxes.is_empty() {
            return BoxIndex::default();
        }
        let (mut min_x, mut min_y, mut max_x, mut max_y) = (
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        );
        for b in boxes {
            min_x = min_x.min(b[0]);
            min_y = min_y.min(b[1]);
            max_x = max_x.max(b[2]);
            max_y = max_y.max(b[3]);
        }
        // About four cells per box in each direction over the whole extent: a municipality of
        // average size then touches a handful of cells, and a cell a few municipalities.
        let side = ((boxes.len() as f64).sqrt() * 4.0)
            .ceil()
            .clamp(1.0, 1024.0) as usize;
        let mut index = BoxIndex {
            min_x,
            min_y,
            max_x,
            max_y,
            cell_w: ((max_x - min_x) / side as f64).max(f64::MIN_POSITIVE),
            cell_h: ((max_y - min_y) / side as f64).max(f64::MIN_POSITIVE),
            cols: side,
            rows: side,
            cells: Packed::default(),
        };
        let mut pairs = Vec::new();
        for (i, b) in boxes.iter().enumerate() {
            let entry = Entry {
                id: i as u32,
                min_x: down(b[0]),
                min_y: down(b[1]),
                max_x: up(b[2]),
                max_y: up(b[3]),
            };
            for row in index.row(b[1])..=index.row(b[3]) {
                for col in index.column(b[0])..=index.column(b[2]) {
                    pairs.push(((row * index.cols + col) as u32, entry));
                }
            }
        }
        index.cells = Packed::from_pairs(index.cols * index.rows, &pairs);
        index
    }

    fn column(&self, x: f64) -> usize {
        (((x - self.min_x) / self.cell_w).floor().max(0.0) as usize).min(self.cols - 1)
    }

    fn row(&self, y: f64) -> usize {
        (((y - self.min_y) / self.cell_h).floor().max(0.0) as usize).min(self.rows - 1)
    }

    /// The boxes that reach within `margin_x`/`margin_y` degrees of the point — every box that
    /// does, and a few that miss by less than the rounding to `f32` (centimetres); a box in
    /// several of the cells around the point comes once per cell.
    pub fn near(
        &self,
        x: f64,
        y: f64,
        margin_x: f64,
        margin_y: f64,
    ) -> impl Iterator<Item = u32> + '_ {
        let reaches = self.cols > 0
            && x + margin_x >= self.min_x
            && y + margin_y >= self.min_y
            && x - margin_x <= self.max_x
            && y - margin_y <= self.max_y;
        let cells = reaches.then(|| {
            (
                self.row(y - margin_y)..=self.row(y + margin_y),
                self.column(x - margin_x)..=self.column(x + margin_x),
            )
        });
        cells
            .into_iter()
            .flat_map(move |(rows, cols)| {
                rows.flat_map(move |row| {
                    cols.clone()
                        .flat_map(move |col| self.cells.get(row * self.cols + col).iter())
                })
            })
            .filter(move |e| {
                x + margin_x >= f64::from(e.min_x)
                    && x - margin_x <= f64::from(e.max_x)
                    && y + margin_y >= f64::from(e.min_y)
                    && y - margin_y <= f64::from(e.max_y)
            })
            .map(|e| e.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_lists_keep_each_slots_items_in_order() {
        let packed: Packed = Packed::from_pairs(4, &[(2, 7), (0, 1), (2, 8), (3, 9), (2, 5)]);
        assert_eq!(packed.get(0), &[1]);
        assert_eq!(packed.get(1), &[] as &[u32]);
        assert_eq!(packed.get(2), &[7, 8, 5]);
        assert_eq!(packed.get(3), &[9]);
    }

    /// Every box within the margin of a point is among its candidates, at random points and
    /// margins over a field of random boxes.
    #[test]
    fn no_box_within_the_margin_is_ever_missed() {
        let mut seed = 3u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        let boxes: Vec<[f64; 4]> = (0..500)
            .map(|_| {
                let (x, y) = (next() * 10.0, next() * 10.0);
                [x, y, x + next() * 0.8, y + next() * 0.8]
            })
            .collect();
        let index = BoxIndex::new(&boxes);
        for _ in 0..5_000 {
            let (x, y) = (next() * 12.0 - 1.0, next() * 12.0 - 1.0);
            let margin = if next() < 0.5 { 0.0 } else { next() * 0.3 };
            let found: Vec<u32> = index.near(x, y, margin, margin).collect();
            for (i, b) in boxes.iter().enumerate() {
                let reaches = x + margin >= b[0]
                    && x - margin <= b[2]
                    && y + margin >= b[1]
                    && y - margin <= b[3];
                // Boxes are kept a few centimetres larger at most.
                let far = x + margin + 1e-6 < b[0]
                    || x - margin - 1e-6 > b[2]
                    || y + margin + 1e-6 < b[1]
                    || y - margin - 1e-6 > b[3];
                if reaches {
                    assert!(found.contains(&(i as u32)), "box {i} missed at {x},{y}");
                } else if far {
                    assert!(!found.contains(&(i as u32)), "box {i} far from {x},{y}");
                }
            }
        }
        assert_eq!(BoxIndex::new(&[]).near(1.0, 1.0, 1.0, 1.0).count(), 0);
    }
}
