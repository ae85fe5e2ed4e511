package dev.parley.loadtest;

/**
 * What the generator itself spent while measuring: its CPU seconds (every thread) and the frames it sent and
 * received, so the cost of a frame, which says whether the generator or the server was being measured.
 */
record GeneratorCost(double cpuSeconds, long frames) {

    static final GeneratorCost NONE = new GeneratorCost(0, 0);

    /** Microseconds of generator CPU per frame sent or received; 0 when no frame was. */
    double cpuMicrosPerFrame() {
        return frames > 0 ? cpuSeconds * 1e6 / frames : 0;
    }

    GeneratorCost plus(GeneratorCost o) {
        return new GeneratorCost(cpuSeconds + o.cpuSeconds, frames + o.frames);
    }
}
