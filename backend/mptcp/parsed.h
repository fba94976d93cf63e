#pragma once

namespace mlab {

// What a parser read from a command's output. Nodes print truncated or
// garbled lines (a killed ssh, a newer iproute2): those are skipped and
// counted, never fatal, so the caller can say "3 lines not understood".
template <typename T> struct Parsed
{
    T value {};
    int skipped = 0;
};

} // namespace mlab
