"""Accept or reject every tracked change of a DOCX in LibreOffice, and save it as DOCX.

Run by the system's Python, which has LibreOffice's UNO bridge (Debian: python3-uno):

    python3 tests/libreoffice_changes.py accept|reject SOURCE.docx TARGET.docx PROFILE_URL

It starts its own headless LibreOffice with the profile at PROFILE_URL, opens SOURCE hidden,
runs Edit > Track Changes > Accept All (or Reject All), saves TARGET in Word's format and
ends the office it started. The file is saved and read again by the caller, as a school
that accepts the changes and sends the policy on would: LibreOffice 7.4's pages right after
"Accept All" can keep a joined paragraph's old list label, while its document model (and
the saved file) already has the right one.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

COMMANDS = {"accept": ".uno:AcceptAllTrackedChanges", "reject": ".uno:RejectAllTrackedChanges"}
CONNECT_SECONDS = 60


def _property(name: str, value: Any) -> Any:
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def _connect(pipe: str) -> Any:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def resolve_changes(action: str, source: Path, target: Path, context: Any) -> None:
    manager = context.ServiceManager
    desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    document = desktop.loadComponentFromURL(source.resolve().as_uri(), "_blank", 0, (_property("Hidden", True),))
    try:
        dispatcher = manager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
        dispatcher.executeDispatch(document.getCurrentController().getFrame(), COMMANDS[action], "", 0, ())
        if document.getRedlines().getCount():
            raise SystemExit(f"{document.getRedlines().getCount()} tracked changes left after {action}")
        document.storeToURL(target.resolve().as_uri(), (_property("FilterName", "MS Word 2007 XML"),))
    finally:
        document.close(True)
    try:
        desktop.terminate()
    except Exception:  # the bridge goes down with the office it ends
        pass


def main(action: str, source: str, target: str, profile_url: str) -> None:
    pipe = f"policygen-changes-{os.getpid()}"
    office = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", "--nologo",
         f"-env:UserInstallation={profile_url}", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        resolve_changes(action, Path(source), Path(target), _connect(pipe))
        office.wait(timeout=60)
    finally:
        if office.poll() is None:
            office.kill()
            office.wait()


if __name__ == "__main__":
    main(*sys.argv[1:5])
