"""Constants of the table-driven two-lane exp in assembly/math.ts (expNonPositive2Lanes).

    python3 tools/exp-table.py

prints, for N = 2^7 = 128: N/ln 2, ln 2/N split into a 36-bit head and a tail (so k·head is
exact for |k| < 2^17), and the table: for each j a pair, the tail t_j = (2^(j/N) − s_j)/s_j
and the bits of s_j = 2^(j/N) rounded to nearest, minus j·2^45, so that adding k·2^45
(k = N·m + j) yields the bits of 2^m · s_j. Computed with mpmath at 200 bits and rounded
once to float64. These are the numbers of musl's `__exp_data.tab`, which the core's scalar
Math.exp reads; the exact exp of the loss needs them to have its bits.
"""
import struct
import mpmath

mpmath.mp.prec = 200
BITS = 7
N = 1 << BITS


def bits(x: float) -> int:
    return struct.unpack('<Q', struct.pack('<d', x))[0]


def to_double(v) -> float:
    # mpmath rounds to nearest when converting to a Python float (53-bit).
    return float(mpmath.mpf(v))


ln2 = mpmath.log(2)
print('N/ln2      ', repr(to_double(N / ln2)))
l = ln2 / N
# Head: l rounded to 36 significant bits.
e = mpmath.floor(mpmath.log(l, 2))
scale = mpmath.mpf(2) ** (35 - e)
head = mpmath.nint(l * scale) / scale
head_d = to_double(head)
assert mpmath.mpf(head_d) == head
tail_d = to_double(l - head)
print('ln2/N head ', repr(head_d))
print('ln2/N tail ', repr(tail_d))
entries = []
for j in range(N):
    exact = mpmath.mpf(2) ** (mpmath.mpf(j) / N)
    s = to_double(exact)
    entries.append(bits(to_double((exact - s) / s)))
    entries.append((bits(s) - (j << (52 - BITS))) % (1 << 64))
for i in range(0, 2 * N, 4):
    print('  ' + ', '.join('0x%016x' % v for v in entries[i:i + 4]) + ',')
