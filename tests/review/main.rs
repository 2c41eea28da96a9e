//! The review board (审核汇总台) on a generated folder with planted faults: a broken file, a unit
//! twice, a unit not on the roster, an R3 error, an R8 break against last year's folder, a late
//! planned date, a published text, a body name beginning with "=". Every row and finding of the
//! board is asserted, and each export format read back.
mod board;
mod cli;
mod exports;
mod fixture;
