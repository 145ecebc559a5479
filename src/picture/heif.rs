//! The HEIF (HEIC and AVIF) container walk: the ISOBMFF boxes of an iPhone photo or an
//! AVIF picture are read with bounds-checked arithmetic before any HEVC or AV1 is
//! decoded, and everything that decides the decoder's memory and time is checked against
//! the limits: the primary image's size (from `ispe`, turned by `irot`), a grid's canvas,
//! tile count and tile size, the derivation chain (`iden`, `grid`) with its references,
//! and every box's size and nesting. The codec runs only in the decoder jail, and only on files this walk passed.
//!
//! Refused here, in milliseconds: a box whose size overflows its parent; nesting deeper
//! than [`MAX_DEPTH`]; more than [`MAX_BOXES`] boxes, [`MAX_ITEMS`] items or
//! [`MAX_REFERENCES`] references; a grid of more than [`MAX_TILES`] tiles, or whose tiles
//! do not cover its canvas (or overshoot it by a whole tile); a reference loop; a
//! derivation deeper than [`MAX_DERIVATION`]; an image sequence without a still image; an
//! item coded with anything but HEVC (HEIC) or AV1 (AVIF), or a file mixing the two; an
//! alpha plane larger than its image.

use std::collections::HashMap;

use super::limits::Limits;
use super::{Rejection, Rule};

/// Box nesting (a photo's deepest is meta > iprp > ipco > property: 4).
pub const MAX_DEPTH: usize = 8;
/// Boxes in the whole file (an iPhone photo has about 150).
pub const MAX_BOXES: usize = 10_000;
/// Items (an iPhone photo: 48 tiles, a thumbnail, EXIF, depth and gain maps; about 60).
pub const MAX_ITEMS: usize = 2_048;
/// References between items, all kinds together.
pub const MAX_REFERENCES: usize = 4_096;
/// Tiles of one grid (48 on an iPhone, about 800 on a 200-megapixel phone photo).
pub const MAX_TILES: usize = 1_024;
/// Derived images on top of each other (grid of tiles, identity transform of a grid).
pub const MAX_DERIVATION: usize = 4;

/// What the walk found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Heif {
    /// The primary image as displayed (after rotation).
    pub width: u32,
    pub height: u32,
    /// Tiles of the primary image's grid (1 when it is not a grid).
    pub tiles: u32,
    /// Whether the picture is AV1-coded (AVIF) rather than HEVC-coded (HEIC): the
    /// decoder is chosen by what the items are, whatever the brand says.
    pub av1: bool,
}

/// The file being walked: its name, and what its brand says it is (HEIC or AVIF), for
/// the messages.
pub struct Subject<'a> {
    name: &'a str,
    format: &'static str,
}

fn corrupt(name: &Subject<'_>, reason: impl std::fmt::Display) -> Rejection {
    Rejection::new(
        Rule::Corrupt,
        format!(
            "{}: the {} data is corrupt or truncated: {reason}",
            name.name, name.format
        ),
    )
}

fn unsupported(name: &Subject<'_>, what: impl std::fmt::Display) -> Rejection {
    Rejection::new(
        Rule::UnsupportedFormat,
        format!(
            "{}: {what}, which is not accepted (HEIF images are: HEVC-coded stills, HEIC, \
             and AV1-coded stills, AVIF)",
            name.name
        ),
    )
}

/// A byte reader over one box's payload; every read is bounds-checked.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, at: 0 }
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let out = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(out)
    }

    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_be_bytes(self.take(2)?.try_into().ok()?))
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_be_bytes(self.take(4)?.try_into().ok()?))
    }

    /// An unsigned big-endian number of `size` bytes (0, 4 or 8 in `iloc`).
    fn uint(&mut self, size: u8) -> Option<u64> {
        match size {
            0 => Some(0),
            4 => self.u32().map(u64::from),
            8 => Some(u64::from_be_bytes(self.take(8)?.try_into().ok()?)),
            _ => None,
        }
    }

    fn fourcc(&mut self) -> Option<[u8; 4]> {
        self.take(4)?.try_into().ok()
    }

    /// An item id or count: 16 bits in the boxes' early versions, 32 bits when `wide`.
    fn id(&mut self, wide: bool) -> Option<u32> {
        if wide {
            self.u32()
        } else {
            self.u16().map(u32::from)
        }
    }

    /// Version and flags of a full box.
    fn full(&mut self) -> Option<(u8, u32)> {
        let v = self.u32()?;
        Some(((v >> 24) as u8, v & 0x00FF_FFFF))
    }

    fn rest(&mut self) -> &'a [u8] {
        let out = &self.bytes[self.at.min(self.bytes.len())..];
        self.at = self.bytes.len();
        out
    }
}

/// A box: its type and payload.
type Boxed<'a> = ([u8; 4], &'a [u8]);

/// The boxes directly inside `payload`. Counts every box against the file's budget.
fn boxes<'a>(
    payload: &'a [u8],
    name: &Subject<'_>,
    depth: usize,
    count: &mut usize,
) -> Result<Vec<Boxed<'a>>, Rejection> {
    if depth > MAX_DEPTH {
        return Err(corrupt(
            name,
            format!("boxes nested more than {MAX_DEPTH} deep"),
        ));
    }
    let mut out = Vec::new();
    let mut at = 0usize;
    while at < payload.len() {
        *count += 1;
        if *count > MAX_BOXES {
            return Err(corrupt(name, format!("more than {MAX_BOXES} boxes")));
        }
        let mut r = Reader::new(&payload[at..]);
        let (Some(size), Some(kind)) = (r.u32(), r.fourcc()) else {
            return Err(corrupt(name, "a box header is cut off"));
        };
        let (header, size) = match size {
            0 => (8, (payload.len() - at) as u64),
            1 => match r.uint(8) {
                Some(large) => (16, large),
                None => return Err(corrupt(name, "a box header is cut off")),
            },
            n => (8, u64::from(n)),
        };
        let left = (payload.len() - at) as u64;
        if size < header || size > left {
            return Err(corrupt(
                name,
                format!(
                    "box '{}' claims {size} bytes where {left} are left",
                    String::from_utf8_lossy(&kind).escape_debug()
                ),
            ));
        }
        let size = size as usize;
        out.push((kind, &payload[at + header as usize..at + size]));
        at += size;
    }
    Ok(out)
}

#[derive(Default)]
struct Item {
    kind: [u8; 4],
    /// Property indexes (1-based into `ipco`).
    properties: Vec<u16>,
}

#[derive(Clone, Copy)]
struct Location<'a> {
    /// 0: offsets in the file; 1: offsets in `idat`.
    method: u8,
    base: u64,
    extents: &'a [u8],
    offset_size: u8,
    length_size: u8,
    index_size: u8,
    count: u16,
}

struct Meta<'a> {
    file: &'a [u8],
    primary: u32,
    items: HashMap<u32, Item>,
    /// (kind, from) -> to, in order.
    references: HashMap<([u8; 4], u32), Vec<u32>>,
    properties: Vec<Boxed<'a>>,
    locations: HashMap<u32, Location<'a>>,
    idat: &'a [u8],
    /// The coding of the images met so far (`hvc1` or `av01`): one file holds one.
    coding: std::cell::Cell<Option<[u8; 4]>>,
}

/// Walks a HEIF file; see the module's documentation for what is refused.
pub fn walk(bytes: &[u8], name: &str, limits: &Limits) -> Result<Heif, Rejection> {
    let format = match bytes.get(8..12) {
        Some(b"avif" | b"avis") => "AVIF",
        _ => "HEIC",
    };
    let name = &Subject { name, format };
    let mut count = 0;
    let top = boxes(bytes, name, 0, &mut count)?;
    if top.first().is_none_or(|(kind, _)| kind != b"ftyp") {
        return Err(corrupt(name, "the file does not start with 'ftyp'"));
    }
    let Some((_, meta)) = top.iter().find(|(kind, _)| kind == b"meta") else {
        return Err(if top.iter().any(|(kind, _)| kind == b"moov") {
            unsupported(
                name,
                "the HEIF file is an image sequence without a still image",
            )
        } else {
            corrupt(name, "no 'meta' box")
        });
    };
    let meta = parse_meta(bytes, meta, name, &mut count)?;
    let chain = &mut Vec::new();
    let (mut width, mut height, tiles) = resolve(&meta, meta.primary, name, limits, chain)?;
    if meta.rotated(meta.primary) {
        std::mem::swap(&mut width, &mut height);
    }
    limits.check_dimensions(name.name, width, height)?;
    // The alpha plane (an auxiliary image) is decoded too: it may not be larger.
    for (&(kind, from), to) in &meta.references {
        if &kind == b"auxl" && to.contains(&meta.primary) {
            let (w, h, _) = resolve(&meta, from, name, limits, &mut Vec::new())?;
            if u64::from(w) * u64::from(h) > u64::from(width) * u64::from(height) {
                return Err(corrupt(
                    name,
                    format!("an auxiliary image of {w}x{h} on a {width}x{height} picture"),
                ));
            }
        }
    }
    Ok(Heif {
        width,
        height,
        tiles,
        av1: meta.coding.get() == Some(*b"av01"),
    })
}

fn parse_meta<'a>(
    file: &'a [u8],
    meta: &'a [u8],
    name: &Subject<'_>,
    count: &mut usize,
) -> Result<Meta<'a>, Rejection> {
    let cut = |what: &str| corrupt(name, format!("the '{what}' box is cut off"));
    let mut r = Reader::new(meta);
    r.full().ok_or_else(|| cut("meta"))?;
    let children = boxes(r.rest(), name, 1, count)?;
    let find = |kind: &[u8; 4]| children.iter().find(|(k, _)| k == kind).map(|(_, p)| *p);

    let hdlr = find(b"hdlr").ok_or_else(|| corrupt(name, "no 'hdlr' box"))?;
    let mut r = Reader::new(hdlr);
    r.full().ok_or_else(|| cut("hdlr"))?;
    r.u32().ok_or_else(|| cut("hdlr"))?;
    let handler = r.fourcc().ok_or_else(|| cut("hdlr"))?;
    if &handler != b"pict" {
        return Err(unsupported(
            name,
            format!(
                "the HEIF file holds '{}' data rather than pictures",
                String::from_utf8_lossy(&handler).escape_debug()
            ),
        ));
    }

    let pitm = find(b"pitm").ok_or_else(|| corrupt(name, "no primary item ('pitm')"))?;
    let mut r = Reader::new(pitm);
    let (version, _) = r.full().ok_or_else(|| cut("pitm"))?;
    let primary = r.id(version != 0).ok_or_else(|| cut("pitm"))?;

    let mut items = HashMap::new();
    let iinf = find(b"iinf").ok_or_else(|| corrupt(name, "no item list ('iinf')"))?;
    let mut r = Reader::new(iinf);
    let (version, _) = r.full().ok_or_else(|| cut("iinf"))?;
    let declared = r.id(version != 0).ok_or_else(|| cut("iinf"))?;
    if declared as usize > MAX_ITEMS {
        return Err(corrupt(
            name,
            format!("{declared} items (at most {MAX_ITEMS})"),
        ));
    }
    for (kind, infe) in boxes(r.rest(), name, 2, count)? {
        if &kind != b"infe" {
            continue;
        }
        let mut r = Reader::new(infe);
        let (version, _) = r.full().ok_or_else(|| cut("infe"))?;
        let id = match version {
            2 => r.u16().map(u32::from),
            3 => r.u32(),
            _ => return Err(corrupt(name, format!("an item entry of version {version}"))),
        }
        .ok_or_else(|| cut("infe"))?;
        r.u16().ok_or_else(|| cut("infe"))?;
        let kind = r.fourcc().ok_or_else(|| cut("infe"))?;
        items.insert(
            id,
            Item {
                kind,
                properties: Vec::new(),
            },
        );
        if items.len() > MAX_ITEMS {
            return Err(corrupt(name, format!("more than {MAX_ITEMS} items")));
        }
    }

    let mut references: HashMap<([u8; 4], u32), Vec<u32>> = HashMap::new();
    let mut total = 0usize;
    if let Some(iref) = find(b"iref") {
        let mut r = Reader::new(iref);
        let (version, _) = r.full().ok_or_else(|| cut("iref"))?;
        for (kind, payload) in boxes(r.rest(), name, 2, count)? {
            let mut r = Reader::new(payload);
            let id = |r: &mut Reader<'_>| r.id(version != 0);
            let from = id(&mut r).ok_or_else(|| cut("iref"))?;
            let n = r.u16().ok_or_else(|| cut("iref"))? as usize;
            total += n;
            if total > MAX_REFERENCES {
                return Err(corrupt(
                    name,
                    format!("more than {MAX_REFERENCES} references between items"),
                ));
            }
            let list = references.entry((kind, from)).or_default();
            for _ in 0..n {
                list.push(id(&mut r).ok_or_else(|| cut("iref"))?);
            }
        }
    }

    let mut properties = Vec::new();
    if let Some(iprp) = find(b"iprp") {
        let parts = boxes(iprp, name, 2, count)?;
        if let Some((_, ipco)) = parts.iter().find(|(k, _)| k == b"ipco") {
            properties = boxes(ipco, name, 3, count)?;
        }
        for (_, ipma) in parts.iter().filter(|(k, _)| k == b"ipma") {
            let mut r = Reader::new(ipma);
            let (version, flags) = r.full().ok_or_else(|| cut("ipma"))?;
            let entries = r.u32().ok_or_else(|| cut("ipma"))?;
            if entries as usize > MAX_ITEMS {
                return Err(corrupt(name, format!("{entries} property associations")));
            }
            for _ in 0..entries {
                let id = r.id(version >= 1).ok_or_else(|| cut("ipma"))?;
                let n = r.u8().ok_or_else(|| cut("ipma"))?;
                let mut list = Vec::with_capacity(usize::from(n));
                for _ in 0..n {
                    let index = if flags & 1 == 1 {
                        r.u16().map(|v| v & 0x7FFF)
                    } else {
                        r.u8().map(|v| u16::from(v & 0x7F))
                    }
                    .ok_or_else(|| cut("ipma"))?;
                    list.push(index);
                }
                if let Some(item) = items.get_mut(&id) {
                    item.properties.extend(list);
                }
            }
        }
    }

    let mut locations = HashMap::new();
    if let Some(iloc) = find(b"iloc") {
        let mut r = Reader::new(iloc);
        let (version, _) = r.full().ok_or_else(|| cut("iloc"))?;
        let sizes = r.u16().ok_or_else(|| cut("iloc"))?;
        let (offset_size, length_size, base_size) = (
            (sizes >> 12) as u8,
            ((sizes >> 8) & 0xF) as u8,
            ((sizes >> 4) & 0xF) as u8,
        );
        let index_size = if version >= 1 { (sizes & 0xF) as u8 } else { 0 };
        let n = r.id(version >= 2).ok_or_else(|| cut("iloc"))?;
        if n as usize > MAX_ITEMS {
            return Err(corrupt(name, format!("{n} item locations")));
        }
        for _ in 0..n {
            let id = r.id(version >= 2).ok_or_else(|| cut("iloc"))?;
            let method = if version >= 1 {
                (r.u16().ok_or_else(|| cut("iloc"))? & 0xF) as u8
            } else {
                0
            };
            r.u16().ok_or_else(|| cut("iloc"))?;
            let base = r.uint(base_size).ok_or_else(|| cut("iloc"))?;
            let extents = r.u16().ok_or_else(|| cut("iloc"))?;
            let each =
                usize::from(index_size) + usize::from(offset_size) + usize::from(length_size);
            let start = r.at;
            r.take(each * usize::from(extents))
                .ok_or_else(|| cut("iloc"))?;
            locations.insert(
                id,
                Location {
                    method,
                    base,
                    extents: &iloc[start..r.at],
                    offset_size,
                    length_size,
                    index_size,
                    count: extents,
                },
            );
        }
    }
    let idat = find(b"idat").unwrap_or(&[]);
    if !items.contains_key(&primary) {
        return Err(corrupt(
            name,
            format!("the primary item {primary} is not listed"),
        ));
    }
    Ok(Meta {
        file,
        primary,
        items,
        references,
        properties,
        locations,
        idat,
        coding: std::cell::Cell::new(None),
    })
}

impl Meta<'_> {
    fn property(&self, id: u32, kind: &[u8; 4]) -> Option<&[u8]> {
        let item = self.items.get(&id)?;
        item.properties.iter().find_map(|&index| {
            let (k, payload) = self.properties.get(usize::from(index).checked_sub(1)?)?;
            (k == kind).then_some(*payload)
        })
    }

    /// An `irot` of 90 or 270 degrees turns width into height.
    fn rotated(&self, id: u32) -> bool {
        self.property(id, b"irot")
            .and_then(|p| p.first())
            .is_some_and(|angle| angle & 1 == 1)
    }

    fn dimg(&self, id: u32) -> &[u32] {
        self.references
            .get(&(*b"dimg", id))
            .map_or(&[], Vec::as_slice)
    }

    /// The bytes of an item stored in the file or in `idat` (a grid's descriptor).
    fn data(&self, id: u32, name: &Subject<'_>) -> Result<Vec<u8>, Rejection> {
        let location = self
            .locations
            .get(&id)
            .ok_or_else(|| corrupt(name, format!("item {id} has no location")))?;
        let source = match location.method {
            0 => self.file,
            1 => self.idat,
            m => return Err(corrupt(name, format!("item {id} is stored by method {m}"))),
        };
        let mut r = Reader::new(location.extents);
        let mut out = Vec::new();
        for _ in 0..location.count {
            let cut = || corrupt(name, "an item location is cut off");
            if location.index_size > 0 {
                r.uint(location.index_size).ok_or_else(cut)?;
            }
            let offset = r.uint(location.offset_size).ok_or_else(cut)?;
            let length = r.uint(location.length_size).ok_or_else(cut)?;
            let start = location.base.checked_add(offset).ok_or_else(cut)?;
            let end = start.checked_add(length).ok_or_else(cut)?;
            let part = usize::try_from(start)
                .ok()
                .zip(usize::try_from(end).ok())
                .and_then(|(s, e)| source.get(s..e))
                .ok_or_else(|| {
                    corrupt(
                        name,
                        format!("item {id} lies outside the file ({start}..{end})"),
                    )
                })?;
            out.extend_from_slice(part);
            if out.len() > 64 {
                break;
            }
        }
        Ok(out)
    }
}

/// The stored size of item `id` (before its own rotation) and its tile count, following
/// derivations; `chain` holds the items being resolved, to catch loops.
fn resolve(
    meta: &Meta<'_>,
    id: u32,
    name: &Subject<'_>,
    limits: &Limits,
    chain: &mut Vec<u32>,
) -> Result<(u32, u32, u32), Rejection> {
    if chain.contains(&id) {
        return Err(corrupt(
            name,
            format!("item {id} refers to itself (a reference loop)"),
        ));
    }
    if chain.len() > MAX_DERIVATION {
        return Err(corrupt(
            name,
            format!("images derived more than {MAX_DERIVATION} deep"),
        ));
    }
    let item = meta
        .items
        .get(&id)
        .ok_or_else(|| corrupt(name, format!("item {id} is referred to but not listed")))?;
    chain.push(id);
    let result = match &item.kind {
        coding @ (b"hvc1" | b"av01") => match meta.coding.replace(Some(*coding)) {
            Some(seen) if seen != *coding => Err(unsupported(
                name,
                "the HEIF file mixes HEVC- and AV1-coded images",
            )),
            _ => {
                let (w, h) = ispe(meta, id, name)?;
                limits.check_dimensions(name.name, w, h)?;
                Ok((w, h, 1))
            }
        },
        b"iden" => match meta.dimg(id) {
            [source] => {
                let (mut w, mut h, tiles) = resolve(meta, *source, name, limits, chain)?;
                if meta.rotated(*source) {
                    std::mem::swap(&mut w, &mut h);
                }
                Ok((w, h, tiles))
            }
            other => Err(corrupt(
                name,
                format!("an identity item derives from {} images", other.len()),
            )),
        },
        b"grid" => grid(meta, id, name, limits, chain),
        other => Err(unsupported(
            name,
            format!(
                "the HEIF image is coded as '{}'",
                String::from_utf8_lossy(other).escape_debug()
            ),
        )),
    };
    chain.pop();
    result
}

fn ispe(meta: &Meta<'_>, id: u32, name: &Subject<'_>) -> Result<(u32, u32), Rejection> {
    let payload = meta
        .property(id, b"ispe")
        .ok_or_else(|| corrupt(name, format!("item {id} has no size ('ispe')")))?;
    let mut r = Reader::new(payload);
    r.full()
        .and_then(|_| Some((r.u32()?, r.u32()?)))
        .ok_or_else(|| corrupt(name, "the 'ispe' box is cut off"))
}

fn grid(
    meta: &Meta<'_>,
    id: u32,
    name: &Subject<'_>,
    limits: &Limits,
    chain: &mut Vec<u32>,
) -> Result<(u32, u32, u32), Rejection> {
    let descriptor = meta.data(id, name)?;
    let mut r = Reader::new(&descriptor);
    let cut = || corrupt(name, "the grid descriptor is cut off");
    let _version = r.u8().ok_or_else(cut)?;
    let flags = r.u8().ok_or_else(cut)?;
    let rows = u32::from(r.u8().ok_or_else(cut)?) + 1;
    let columns = u32::from(r.u8().ok_or_else(cut)?) + 1;
    let (width, height) = if flags & 1 == 0 {
        (
            u32::from(r.u16().ok_or_else(cut)?),
            u32::from(r.u16().ok_or_else(cut)?),
        )
    } else {
        (r.u32().ok_or_else(cut)?, r.u32().ok_or_else(cut)?)
    };
    limits.check_dimensions(name.name, width, height)?;
    let tiles = meta.dimg(id);
    let expected = (rows * columns) as usize;
    if expected > MAX_TILES || tiles.len() > MAX_TILES {
        return Err(corrupt(
            name,
            format!(
                "a grid of {rows}x{columns} tiles with {} references (at most {MAX_TILES} tiles)",
                tiles.len()
            ),
        ));
    }
    if tiles.len() != expected {
        return Err(corrupt(
            name,
            format!("a {rows}x{columns} grid with {} tiles", tiles.len()),
        ));
    }
    let mut size = None;
    for &tile in tiles {
        let (w, h, _) = resolve(meta, tile, name, limits, chain)?;
        match size {
            None => size = Some((w, h)),
            Some(s) if s == (w, h) => {}
            Some((sw, sh)) => {
                return Err(corrupt(
                    name,
                    format!("grid tiles of {sw}x{sh} and {w}x{h}"),
                ));
            }
        }
    }
    let (tw, th) = size.ok_or_else(|| corrupt(name, "a grid without tiles"))?;
    let covers = |n: u32, t: u32, total: u32| {
        let span = u64::from(n) * u64::from(t);
        span >= u64::from(total) && span - u64::from(t) < u64::from(total)
    };
    if !covers(columns, tw, width) || !covers(rows, th, height) {
        return Err(corrupt(
            name,
            format!(
                "a {columns}x{rows} grid of {tw}x{th} tiles does not fit its {width}x{height} canvas"
            ),
        ));
    }
    Ok((width, height, expected as u32))
}
