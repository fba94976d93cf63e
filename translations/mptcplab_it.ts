<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it_IT">
<context>
    <name>MarkerLayer</name>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 s: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlotEvents</name>
    <message>
        <source>stale</source>
        <comment>MPTCP marker: a subflow stopped making progress</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recover</source>
        <comment>MPTCP marker: a stale subflow works again</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+sf</source>
        <comment>MPTCP marker: a subflow was established</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>-sf</source>
        <comment>MPTCP marker: a subflow was closed</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prio</source>
        <comment>MPTCP marker: a subflow&apos;s backup priority changed</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+addr</source>
        <comment>MPTCP marker: the peer announced an address</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>-addr</source>
        <comment>MPTCP marker: the peer removed an address</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>conn</source>
        <comment>MPTCP marker: an MPTCP connection started</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>close</source>
        <comment>MPTCP marker: an MPTCP connection closed</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listen</source>
        <comment>MPTCP marker: a listening socket was created or closed</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>node: event</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>port %1</source>
        <comment>a switch port</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 restored</source>
        <comment>link marker</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 broken</source>
        <comment>link marker</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>link marker: link and break mode, e.g. NodeA:eth0 cut</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>note</source>
        <comment>marker of an engine note</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 broken (%2) on switch port %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 restored on switch port %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TopologyText</name>
    <message>
        <source>%1 (VLAN %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>management (VLAN %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2, MPTCP %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>management</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MPTCP off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no MPTCP endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>endpoint %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2, MAC %3, switch port %4, %5, %6</source>
        <extracomment>interface name, address, MAC address, switch port, path, MPTCP endpoint</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Management host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tap %1, %2, switch port %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The engine reaches every node over SSH from here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VDE switch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ports 1 to %1, %2 in use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VLANs %1 (dead VLAN %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to switch port %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not breakable: the engine reaches the nodes through it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up. Click to break it (cut); right-click to unplug.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Impaired. Click to break it (cut); right-click to unplug.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broken: unplugged (the interface is down inside the node). Click to restore.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broken: cut (the port is on the dead VLAN %1). Click to restore.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dead VLAN %1: broken links go here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gap and red plug at the node: unplugged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>amber halo: impaired</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Lab file to open (default: the built-in seed lab).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language of the window: en or it (default: the system&apos;s, or Settings).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MPTCP Lab: a lab manager for teaching and demonstrating Multipath TCP.
Opens the lab in a window: start it, run traffic, break a link and watch MPTCP move the traffic.
The lab itself runs as root: Start asks for it through pkexec or sudo.
Command line: mptcplab-cli --help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MPTCP Lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lab file cannot be used:

%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlab</name>
    <message>
        <source>mptcplab-cli was not found next to %1 nor on PATH: it starts the lab&apos;s engine. Reinstall MPTCP Lab (cmake --install).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlab::EndpointsView</name>
    <message numerus="yes">
        <source>%1 (%n line(s) not understood)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The node printed %n line(s) this version does not understand</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>no endpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most %1 extra subflows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accepts %1 ADD_ADDR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <extracomment>node name, then what its path manager is set to, e.g. &quot;NodeA: at most 8 extra subflows, accepts 8 ADD_ADDR&quot;</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: out-of-tree kernel, no addresses</source>
        <extracomment>an out-of-tree MPTCP kernel has no endpoints or limits, only the fullmesh address table of `multipath -f`</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: out-of-tree kernel, fullmesh addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlab::LabActions</name>
    <message>
        <source>&amp;Start lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the switch and the nodes, and configure MPTCP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop everything the lab runs and remove it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start &amp;traffic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the lab&apos;s traffic plan (an MPTCP iperf transfer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop t&amp;raffic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the traffic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the &amp;demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traffic, a break of path 1 at 6 s, the restore at 12 s, and a report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the scenario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the running scenario: the links are restored and the traffic stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Break link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cut the last cable clicked, or path 1: its switch port moves to the dead VLAN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the last cable clicked, or path 1, back on its VLAN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fit to window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the whole topology</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full screen, large fonts and high contrast, for a projector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;plot...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the throughput plot as PNG, PDF or CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;commands as a script...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save every command the lab ran as a shell script to repeat by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About MPTCP Lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions and licence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the window; a running lab keeps running</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlab::LabSession</name>
    <message>
        <source>looking for the engine of lab %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lab %1 is not running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the lab is down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lab %1 is down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the engine of lab %1 went away: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected to the engine of lab %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the window fell behind and missed %1 %2 event(s) from the engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lab %1 is not running: start it first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting the engine of lab %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lab %1 is ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lab %1 is down; %2 process(es) still running in it were killed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>traffic started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>traffic stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scenario %1 started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scenario stopped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlab::MainWindow</name>
    <message>
        <source>Start again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clean up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the lab&apos;s engine and bring the lab up again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the lab&apos;s engine, which removes what a dead engine left, then stop the lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the lab is not running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lab: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine: not running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lab: down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lab %1 is not running. Start it with Lab &gt; Start lab (F5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine: starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine: connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine: lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lab&apos;s engine is not available: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf);;CSV table (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plot saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the commands as a shell script</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shell script (*.sh)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commands saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About MPTCP Lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;MPTCP Lab %1&lt;/h3&gt;&lt;p&gt;A lab manager for teaching and demonstrating Multipath TCP: two hosts, a VDE switch with VLANs, and the class watching MPTCP move the traffic when a link breaks.&lt;/p&gt;&lt;p&gt;Every command the lab runs is in the transcript, so students can repeat it by hand.&lt;/p&gt;&lt;p&gt;Built with %2.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MPTCP Lab: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subflows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlab::NodeConsole</name>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A command to run on the node, e.g. ip mptcp endpoint show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[%1]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[exit status %1]</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlab::PlotControls</name>
    <message>
        <source>&amp;Window:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>30 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>10 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <comment>plot window: all the data</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How much time the plot shows, ending at the newest sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Counters:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nodes&apos; interfaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch ports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the throughput is measured: on the nodes (over SSH) or at the switch&apos;s ports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop following the newest data (data is still recorded); drag or zoom the plot to look around</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the plot or its data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plot as PNG image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plot as PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visible data as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All data as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the plot as shown, as a PNG image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the plot as shown, as a vector PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the throughput in the visible time range as comma-separated values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save all the recorded throughput as comma-separated values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export throughput</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not export to %1: the plot is gone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlab::ScenarioPanel</name>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:%2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cut (silent: the port moves to the dead VLAN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unplug (the node sees its cable go)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the demo ends, the engine&apos;s report appears here in plain words.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Break at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind of break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No scenario has run yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scenario %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scenario %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No report: the run did not break a link with traffic flowing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running: %1 s of %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[%1 s] %2 %3: %4%5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (FAILED)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlab::StepPanel</name>
    <message>
        <source>Starting the lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping the lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When a step fails, the command that failed and its output appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing started yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1 failed: %2

Command: %3

Output:
%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlab::SubflowPanel</name>
    <message>
        <source>All nodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the subflows of one node only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search addresses, interfaces, states, reasons…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MPTCP endpoints and limits of each node</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlab::SubflowTableModel</name>
    <message>
        <source>SYN-SENT (join in progress)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SYN-SENT (join never completed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <extracomment>local address id / remote address id of an MPTCP subflow</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stalled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms, backoff %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stalled: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stalled: data outstanding without acknowledged progress, retransmission backoff, or a handshake not answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed: gone from ss, or past ESTAB; kept for a few seconds before it disappears</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local token %1, remote token %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MPTCP flags: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The MPTCP connection&apos;s local token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interface</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local and remote MPTCP address ids</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IDs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP state of the subflow, as ss prints it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent plus received, in Mbit/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mbit/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retransmission timeout, and its backoff count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlab::ThroughputPlot</name>
    <message>
        <source>Time (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Throughput (Mbit/s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>total</source>
        <comment>legend: the throughput of all paths</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no file name was given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the folder %1 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the plot as PNG to %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the image could not be written (no permission, or the disk is full?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the plot as PDF to %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the PDF could not be written (no permission, or the disk is full?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the data as CSV to %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlab::TopologyScene</name>
    <message>
        <source>VDE switch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Management host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Break (cut)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the port to the dead VLAN: neither node notices, data just stops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unplug</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take the interface down inside the node, as if the cable were pulled out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plug the link back in on its own VLAN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Management cable: the engine reaches the nodes through it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bit/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 kbit/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Mbit/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Gbit/s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlab::TopologyView</name>
    <message>
        <source>Zoom &amp;In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom into the topology</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom out of the topology</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the whole lab</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlab::TranscriptModel</name>
    <message>
        <source>%1 s</source>
        <extracomment>seconds since the lab&apos;s first command</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>did not run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
… (the whole output is in the detail pane)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exit status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlab::TranscriptPanel</name>
    <message>
        <source>On %1, exit status %2: %3
$ %4

%5</source>
        <extracomment>the detail pane: where the command ran, its exit status, why it ran, the command line, then its output</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no output)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export the transcript to %1: no lab is set to write the script for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to export to %1: the transcript shows no command a shell can run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export the transcript to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the script to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote the script to %1, but could not make it executable: run it with sh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everywhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the commands of one node, the host or the switch only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search commands, reasons and output…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only failures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only the commands that exited with an error or did not run</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
