#pragma once

namespace mlab {

// Presentation mode's look for the whole application: fonts half again as large and a high-contrast palette
// (white on black, yellow highlights) that stays readable on a washed-out projector. off restores the look
// the application had before.
void applyPresentationLook(bool on);

} // namespace mlab
