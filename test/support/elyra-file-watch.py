#!/usr/bin/python3
"""Watch a metadata folder the way Elyra's metadata cache does, and read its files while they change.

Usage: elyra-file-watch.py FOLDER FILE

Elyra (elyra/metadata/storage.py, FileChangeHandler) schedules a watchdog Observer recursively on
each metadata directory; its handler dispatches only events whose src_path ends with ".json", and
drops the cached instance on on_modified and on_deleted (moved events are not handled). This script
does the same, and on each such event re-reads the file, as the cache does on its next fetch.
Meanwhile a reader thread reads FILE in a loop and parses it: a torn (half-written) file shows up
as a read that is not valid JSON.

Prints "ready" once the observer runs; when stdin closes, prints one JSON line with what it saw.
"""

import json
import os
import sys
import threading
import time

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

folder, target = sys.argv[1], sys.argv[2]
lock = threading.Lock()
seen = {"modified": [], "deleted": [], "other": [], "reloaded": [], "reads": 0, "torn": [], "missing": 0}


def read_display_name(path):
    with open(path, "rb") as f:
        data = f.read()
    return json.loads(data.decode("utf-8"))["display_name"]


class ElyraLikeHandler(FileSystemEventHandler):
    def dispatch(self, event):
        if event.src_path.endswith(".json"):
            super().dispatch(event)
        else:
            with lock:
                seen["other"].append([event.event_type, os.path.basename(event.src_path)])

    def on_modified(self, event):
        with lock:
            seen["modified"].append(os.path.basename(event.src_path))
        if not event.is_directory:
            try:
                name = read_display_name(event.src_path)
            except Exception as error:  # the cache would fail to load it
                name = "unreadable: %r" % (error,)
            with lock:
                seen["reloaded"].append(name)

    def on_deleted(self, event):
        with lock:
            seen["deleted"].append(os.path.basename(event.src_path))


stop = threading.Event()


def reader():
    while not stop.is_set():
        try:
            read_display_name(target)
            with lock:
                seen["reads"] += 1
        except FileNotFoundError:
            with lock:
                seen["missing"] += 1
        except Exception as error:
            with lock:
                seen["torn"].append(repr(error))


observer = Observer()
observer.schedule(ElyraLikeHandler(), folder, recursive=True)
observer.start()
thread = threading.Thread(target=reader, daemon=True)
thread.start()
print("ready", flush=True)
sys.stdin.read()
time.sleep(0.5)  # let the last events arrive
stop.set()
thread.join()
observer.stop()
observer.join()
print(json.dumps(seen), flush=True)
