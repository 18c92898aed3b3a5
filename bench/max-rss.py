#!/usr/bin/env python3
"""Runs a command and writes its peak resident memory as JSON: {"file": LAST_ARG, "maxrss_kb": N}.

Usage: bench/max-rss.py OUT_JSON COMMAND [ARG...]   (the command's output is discarded)
Python because it reads the child's rusage (getrusage(RUSAGE_CHILDREN)), which Node cannot.
"""
import json
import resource
import subprocess
import sys

out_json, command = sys.argv[1], sys.argv[2:]
subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # kilobytes on Linux
with open(out_json, "w") as out:
    json.dump({"file": command[-1], "maxrss_kb": peak_kb}, out)
