"""`python -m briefer`."""

from briefer.cli import main

if __name__ == "__main__":  # not when a spawned worker process (a Dask worker) re-imports it
    main()
