#!/usr/bin/env python3
"""Writes resources/sounds/alarm.wav: the consoles' alarm, a two-tone 880/660 Hz chime.

0.8 s, 16-bit mono PCM at 22050 Hz: 0.4 s at 880 Hz then 0.4 s at 660 Hz, each tone with 15 ms
fades in and out so that neither the tone change nor the loop point clicks (QSoundEffect loops it
while an alarm is active). A little of the second harmonic makes it carry on small desk speakers.
Python standard library only; the output is byte-for-byte the same on every run.

Usage: scripts/make-alarm-sound.py [OUTPUT]   (default: resources/sounds/alarm.wav next to this script)
"""

import math
import struct
import sys
import wave
from pathlib import Path

RATE = 22050  # samples per second
TONES = ((880.0, 0.4), (660.0, 0.4))  # (Hz, seconds)
FADE_S = 0.015
AMPLITUDE = 0.55  # of full scale: loud enough, with headroom for the harmonic
HARMONIC = 0.2  # share of the second harmonic


def tone(frequency: float, seconds: float) -> list:
    count = int(round(seconds * RATE))
    fade = int(round(FADE_S * RATE))
    samples = []
    for i in range(count):
        t = i / RATE
        value = math.sin(2 * math.pi * frequency * t) + HARMONIC * math.sin(4 * math.pi * frequency * t)
        value /= 1 + HARMONIC
        # Raised-cosine fades at both ends.
        if i < fade:
            value *= 0.5 - 0.5 * math.cos(math.pi * i / fade)
        elif i >= count - fade:
            value *= 0.5 - 0.5 * math.cos(math.pi * (count - 1 - i) / fade)
        samples.append(int(round(value * AMPLITUDE * 32767)))
    return samples


def main() -> int:
    default = Path(__file__).resolve().parent.parent / "resources" / "sounds" / "alarm.wav"
    output = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    samples = []
    for frequency, seconds in TONES:
        samples.extend(tone(frequency, seconds))
    output.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(output), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(struct.pack("<%dh" % len(samples), *samples))
    print("wrote %s: %d samples, %.2f s" % (output, len(samples), len(samples) / RATE))
    return 0


if __name__ == "__main__":
    sys.exit(main())
