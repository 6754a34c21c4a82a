#!/usr/bin/python3
"""What a Linux desktop shell sees of the app on the session D-Bus, for the real-window tests.

- Owns org.kde.StatusNotifierWatcher (the name a panel's tray host owns), so the app's Tray registers
  its StatusNotifierItem here; the item's properties and its com.canonical.dbusmenu menu can then be
  read, and a menu entry clicked the way a panel does.
- Watches every org.freedesktop.Notifications.Notify call on the bus (a monitor connection); the
  notification daemon itself (dunst) is separate.

Protocol: one JSON object per line on stdin, one JSON answer per line on stdout; the first line out
is {"ready": true}. Commands: {"cmd": "tray"}, {"cmd": "click", "label": "..."},
{"cmd": "notifications"}.
"""
import base64
import json
import os
import sys
import threading
import time

import dbus
import dbus.bus
import dbus.mainloop.glib
import dbus.service
from gi.repository import GLib

WATCHER = "org.kde.StatusNotifierWatcher"
ITEM_IFACE = "org.kde.StatusNotifierItem"
MENU_IFACE = "com.canonical.dbusmenu"
PROPS = "org.freedesktop.DBus.Properties"

dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
bus = dbus.SessionBus()
items = []  # (service, path), in registration order
notifications = []


def plain(value):
    """D-Bus values as JSON; byte arrays (icon pixels) as their length, and base64 when small."""
    if isinstance(value, dbus.Array) and value.signature == "y":
        data = bytes(value)
        return {"bytes": len(data), **({"base64": base64.b64encode(data).decode()} if len(data) <= 65536 else {})}
    if isinstance(value, (dbus.Array, list, tuple, dbus.Struct)):
        return [plain(v) for v in value]
    if isinstance(value, (dbus.Dictionary, dict)):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, dbus.Boolean):
        return bool(value)
    if isinstance(value, (dbus.String, dbus.ObjectPath, str)):
        return str(value)
    if isinstance(value, (dbus.Byte, dbus.Int16, dbus.Int32, dbus.Int64, dbus.UInt16, dbus.UInt32, dbus.UInt64, int)):
        return int(value)
    if isinstance(value, (dbus.Double, float)):
        return float(value)
    return str(value)


class Watcher(dbus.service.Object):
    def __init__(self):
        self.name = dbus.service.BusName(WATCHER, bus, do_not_queue=True)
        super().__init__(bus, "/StatusNotifierWatcher")

    @dbus.service.method(WATCHER, in_signature="s", out_signature="", sender_keyword="sender")
    def RegisterStatusNotifierItem(self, service, sender=None):
        # Some items pass their object path, others their bus name.
        entry = (sender, str(service)) if str(service).startswith("/") else (str(service), "/StatusNotifierItem")
        if entry not in items:
            items.append(entry)
        self.StatusNotifierItemRegistered(f"{entry[0]}{entry[1]}")

    @dbus.service.method(WATCHER, in_signature="s", out_signature="")
    def RegisterStatusNotifierHost(self, service):
        pass

    @dbus.service.signal(WATCHER, signature="s")
    def StatusNotifierItemRegistered(self, service):
        pass

    @dbus.service.method(PROPS, in_signature="ss", out_signature="v")
    def Get(self, interface, prop):
        return self.GetAll(interface)[prop]

    @dbus.service.method(PROPS, in_signature="s", out_signature="a{sv}")
    def GetAll(self, interface):
        return {
            "RegisteredStatusNotifierItems": dbus.Array([f"{s}{p}" for s, p in items], signature="s"),
            "IsStatusNotifierHostRegistered": dbus.Boolean(True),
            "ProtocolVersion": dbus.Int32(0),
        }


def on_monitored(_conn, message):
    if message.get_member() == "Notify" and message.get_interface() == "org.freedesktop.Notifications":
        args = message.get_args_list()
        notifications.append({
            "at": time.time(),
            "appName": plain(args[0]),
            "icon": plain(args[2]),
            "summary": plain(args[3]),
            "body": plain(args[4]),
            "actions": plain(args[5]),
            "hints": plain(args[6]),
        })


def start_monitor():
    monitor = dbus.bus.BusConnection(os.environ["DBUS_SESSION_BUS_ADDRESS"])
    rule = "type='method_call',interface='org.freedesktop.Notifications',member='Notify'"
    monitor.call_blocking("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.Monitoring",
                          "BecomeMonitor", "asu", ([rule], dbus.UInt32(0)))
    monitor.add_message_filter(on_monitored)
    return monitor


def menu_tree(node):
    ident, props, children = node
    entry = {"id": int(ident), **{str(k): plain(v) for k, v in props.items()}}
    kids = [menu_tree(child) for child in children]
    if kids:
        entry["children"] = kids
    return entry


def read_tray():
    out = []
    for service, path in items:
        try:
            obj = bus.get_object(service, path)
            props = plain(obj.GetAll(ITEM_IFACE, dbus_interface=PROPS))
            menu = None
            if props.get("Menu"):
                menu_obj = bus.get_object(service, props["Menu"])
                _rev, layout = menu_obj.GetLayout(0, -1, dbus.Array([], signature="s"), dbus_interface=MENU_IFACE)
                menu = menu_tree(layout).get("children", [])
            out.append({"service": service, "path": path, "props": props, "menu": menu})
        except dbus.DBusException as error:
            out.append({"service": service, "path": path, "gone": error.get_dbus_name()})
    return out


def click(label):
    # The app may rebuild its menu between the read and the click (new ids): read again and retry.
    for _attempt in range(5):
        try:
            return click_once(label)
        except dbus.DBusException:
            time.sleep(0.2)
    return click_once(label)


def click_once(label):
    for item in read_tray():
        for entry in item.get("menu") or []:
            if entry.get("label") == label:
                obj = bus.get_object(item["service"], item["props"]["Menu"])
                obj.Event(dbus.Int32(entry["id"]), "clicked", dbus.Int32(0, variant_level=1),
                          dbus.UInt32(int(time.time())), dbus_interface=MENU_IFACE)
                return {"clicked": label}
    return {"error": f"no tray menu entry labelled {label!r}"}


def answer(line):
    try:
        request = json.loads(line)
        cmd = request.get("cmd")
        if cmd == "tray":
            return {"items": read_tray()}
        if cmd == "click":
            return click(request["label"])
        if cmd == "notifications":
            return {"notifications": notifications}
        return {"error": f"unknown command {cmd!r}"}
    except Exception as error:  # the test reads the message
        return {"error": f"{type(error).__name__}: {error}"}


def serve_stdin(loop):
    for line in sys.stdin:
        done = threading.Event()
        result = {}

        def run():
            result["value"] = answer(line)
            done.set()
            return False

        GLib.idle_add(run)
        done.wait()
        sys.stdout.write(json.dumps(result["value"]) + "\n")
        sys.stdout.flush()
    GLib.idle_add(loop.quit)


def main():
    watcher = Watcher()
    monitor = start_monitor()
    loop = GLib.MainLoop()
    threading.Thread(target=serve_stdin, args=(loop,), daemon=True).start()
    sys.stdout.write(json.dumps({"ready": True}) + "\n")
    sys.stdout.flush()
    loop.run()
    del watcher, monitor


if __name__ == "__main__":
    main()
