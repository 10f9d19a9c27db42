//! # entente-serve
//!
//! The JSON HTTP API and web dashboard (`entente serve`).
//!
//! **Architecture invariant:** the only crate that speaks HTTP; reads and
//! writes through `entente-store`, never SQL of its own.
