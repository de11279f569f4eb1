# Self time per function in a V8 CPU profile (node --cpu-prof --cpu-prof-dir=DIR): the 25 largest, with their share.
# usage: python3 scripts/cpu-profile-top.py DIR
import collections
import glob
import json
import sys

profile = json.load(open(sorted(glob.glob(sys.argv[1] + '/*.cpuprofile'))[-1]))
nodes = {node['id']: node for node in profile['nodes']}
self_time = collections.Counter()
for sample, delta in zip(profile['samples'], profile['timeDeltas']):
    frame = nodes[sample]['callFrame']
    self_time[f"{frame['functionName'] or '(anonymous)'} {frame['url'].split('/')[-1]}:{frame['lineNumber']}"] += delta
total = sum(self_time.values())
for name, micros in self_time.most_common(25):
    print(f'{micros / total * 100:5.1f}% {micros / 1000:9.1f} ms  {name}')
