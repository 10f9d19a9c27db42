//! The OpenAPI 3 description of the API, served at `/api/openapi.json`.

/// The description (kept next to the assets; a test checks every route is in it).
pub const SPEC: &str = include_str!("../assets/openapi.json");
