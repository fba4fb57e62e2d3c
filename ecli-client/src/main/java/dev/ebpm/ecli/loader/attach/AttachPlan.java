package dev.ebpm.ecli.loader.attach;

import dev.ebpm.ecli.loader.LoadedObject;

/** How one program gets attached; each kind of attachment is one implementation. */
public sealed interface AttachPlan permits AutoAttach, TracepointAttach, RawTracepointAttach, UprobeAttach, TcAttach,
    XdpAttach, CgroupAttach, PerfEventAttach {
    /** The program's name. */
    String program();

    Attachment attach(LoadedObject object);
}
