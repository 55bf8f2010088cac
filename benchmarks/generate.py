"""Create a benchmark data folder: a migrated database holding a county-sized registry.

    python benchmarks/generate.py --data-dir DIR [--communities 20000] [--companies 300]
                                  [--seed N] [--force]

The data goes in through the app's own code path (app.bootstrap.open_data, then
services.demo.load), so it is exactly what the app would hold after loading the demo generator
at this size.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from _common import NEIGHBORHOODS, generate


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data-dir", type=Path, required=True, help="folder to create (must be empty)")
    p.add_argument("--communities", type=int, default=20_000)
    p.add_argument("--companies", type=int, default=300)
    p.add_argument("--issues", type=int, default=200_000)
    p.add_argument("--seed", type=int, default=20261123)
    p.add_argument("--force", action="store_true", help="clear an existing PropDesk data folder")
    args = p.parse_args(argv)
    t0 = time.perf_counter()
    g = generate(
        args.data_dir,
        communities=args.communities,
        companies=args.companies,
        seed=args.seed,
        force=args.force,
        issues=args.issues,
    )
    total = time.perf_counter() - t0
    size = (g.data_dir / "propdesk.db").stat().st_size
    print(f"data folder:     {g.data_dir}")
    print(f"communities:     {g.communities}")
    print(f"companies:       {g.companies}")
    print(f"issues:          {args.issues}")
    print(f"neighbourhoods:  {g.neighborhoods} (of {len(NEIGHBORHOODS)} names)")
    print(f"database size:   {size / 1e6:.1f} MB")
    print(f"open + migrate:  {g.open_seconds:.2f} s")
    print(f"demo.load:       {g.load_seconds:.2f} s")
    print(f"total:           {total:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
