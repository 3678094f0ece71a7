"""A whole registry at once: every consecutive pair of versions, compared on many cores.

`amendtrack batch` runs here. `plan` lists the pairs of a store or a folder of version files;
`records` makes their JSON Lines records and the key that says a pair is done; `work` is what
a worker runs on a chunk of pairs (it reads versions by content hash, so a chunk is a few
names and hashes); `pool` runs chunks in this process or in a local process pool, `cluster`
on a Dask distributed cluster; `journal` keeps finished records in part files until the
output is whole, so that a killed run loses nothing and writes nothing half; `run` ties the
steps together. See docs/scale.md.

Nothing is imported here, to keep the command line's start-up small: import the modules.
"""
