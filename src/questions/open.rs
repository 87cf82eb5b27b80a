//! Open questions.
