//! [`Flags`]: granted or not, per id (category, service, separate-consent item).
//!
//! A Vec kept sorted by id rather than a `BTreeMap`: the same iteration order (so the
//! JSON written from it stays canonical) and the same methods, for a few hundred bytes of
//! wasm instead of the several kilobytes each `BTreeMap` instantiation costs.

use std::collections::BTreeMap;

use serde::de::{Deserialize, Deserializer, Error, MapAccess, Visitor};
use serde::Serialize;

/// Id → granted, iterated in id order.
///
/// ```
/// use mingshi_core::flags::Flags;
/// let mut f = Flags::new();
/// f.insert("marketing".into(), false);
/// f.insert("analytics".into(), true);
/// f.insert("marketing".into(), true);
/// assert_eq!(f.get("analytics"), Some(&true));
/// assert!(f.is_on("marketing") && !f.is_on("functional"));
/// assert_eq!(f.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), ["analytics", "marketing"]);
/// assert_eq!(f.len(), 2);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
// The server reads and writes receipts through serde as plain JSON objects (reading: see
// the `Deserialize` impl below).
#[serde(into = "BTreeMap<String, bool>")]
pub struct Flags(Vec<(String, bool)>);

impl Flags {
    pub const fn new() -> Flags {
        Flags(Vec::new())
    }

    fn find(&self, id: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(id))
    }

    pub fn get(&self, id: &str) -> Option<&bool> {
        self.find(id).ok().map(|i| &self.0[i].1)
    }

    /// True when `id` is present and on (absent is off).
    pub fn is_on(&self, id: &str) -> bool {
        self.get(id) == Some(&true)
    }

    pub fn contains_key(&self, id: &str) -> bool {
        self.find(id).is_ok()
    }

    /// Sets `id`; returns the value it had.
    pub fn insert(&mut self, id: String, on: bool) -> Option<bool> {
        match self.find(&id) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, on)),
            Err(i) => {
                self.0.insert(i, (id, on));
                None
            }
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &bool)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&String, &mut bool)> {
        self.0.iter_mut().map(|(k, v)| (&*k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &bool> {
        self.0.iter().map(|(_, v)| v)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromIterator<(String, bool)> for Flags {
    fn from_iter<I: IntoIterator<Item = (String, bool)>>(iter: I) -> Flags {
        let mut f = Flags::new();
        for (k, v) in iter {
            f.insert(k, v);
        }
        f
    }
}

impl<'a> IntoIterator for &'a Flags {
    type Item = (&'a String, &'a bool);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, bool)>,
        fn(&'a (String, bool)) -> (&'a String, &'a bool),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl From<BTreeMap<String, bool>> for Flags {
    fn from(map: BTreeMap<String, bool>) -> Flags {
        // Already in key order.
        Flags(map.into_iter().collect())
    }
}

impl From<Flags> for BTreeMap<String, bool> {
    fn from(f: Flags) -> BTreeMap<String, bool> {
        f.0.into_iter().collect()
    }
}

/// A JSON object of booleans, each id once: an id given twice (`{"analytics":true,
/// "analytics":false}`) is an error naming it, not the last value silently kept (a
/// receipt that says both cannot record what the person chose).
impl<'de> Deserialize<'de> for Flags {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Flags, D::Error> {
        struct FlagsVisitor;
        impl<'de> Visitor<'de> for FlagsVisitor {
            type Value = Flags;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of id: true or false")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Flags, A::Error> {
                let mut flags = Flags::new();
                while let Some((id, on)) = map.next_entry::<String, bool>()? {
                    if flags.contains_key(&id) {
                        return Err(A::Error::custom(format_args!(
                            "`{id}` is given twice in one object"
                        )));
                    }
                    flags.insert(id, on);
                }
                Ok(flags)
            }
        }
        deserializer.deserialize_map(FlagsVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stays_sorted_and_unique_like_a_btreemap() {
        let ids = ["c", "a", "b", "a", "d", "c"];
        let mut f = Flags::new();
        let mut m = BTreeMap::new();
        for (i, id) in ids.iter().enumerate() {
            let on = i % 2 == 0;
            assert_eq!(f.insert(id.to_string(), on), m.insert(id.to_string(), on));
        }
        assert_eq!(BTreeMap::from(f.clone()), m);
        assert_eq!(Flags::from(m), f);
        assert!(f.contains_key("d") && !f.contains_key("e"));
        assert_eq!(f.get("e"), None);
    }

    #[test]
    fn serde_reads_and_writes_a_json_object() {
        let f: Flags = serde_json::from_str(r#"{"b":false,"a":true}"#).unwrap();
        assert_eq!(
            f.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
            ["a", "b"]
        );
        assert_eq!(
            serde_json::to_string(&f).unwrap(),
            r#"{"a":true,"b":false}"#
        );
        let twice = serde_json::from_str::<Flags>(r#"{"a":true,"a":false}"#).unwrap_err();
        assert!(twice.to_string().contains("`a` is given twice"), "{twice}");
    }
}
