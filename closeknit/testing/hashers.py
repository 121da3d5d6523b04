"""A real Argon2 hasher with tiny costs, for the test suite only.

Django's default Argon2 settings take about 100 MB and tens of milliseconds per
hash; every persona fixture hashes and checks passwords several times. The
algorithm and the stored format stay the same ("argon2$..."), only the cost drops.
"""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher


class FastArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 1
    memory_cost = 256
    parallelism = 1
