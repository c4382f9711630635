#!/usr/bin/env python3
"""Prints `platform <name>: tests=N failures=F errors=E skipped=S` from a directory of surefire XML reports."""
import glob
import sys
import xml.etree.ElementTree as ET

name, directory = sys.argv[1], sys.argv[2]
totals = dict(tests=0, failures=0, errors=0, skipped=0)
for path in glob.glob(directory + "/*TEST-*.xml"):
    root = ET.parse(path).getroot()
    for key in totals:
        totals[key] += int(root.get(key, 0))
print(f"platform {name}: " + " ".join(f"{k}={v}" for k, v in totals.items()))
