<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it_IT">
<context>
    <name>MarkerLayer</name>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… e ancora %n</numerusform>
            <numerusform>… e altri %n</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 s: %2</source>
        <translation>%1 s: %2</translation>
    </message>
</context>
<context>
    <name>PlotEvents</name>
    <message>
        <source>%1: %2</source>
        <comment>node: event</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>port %1</source>
        <comment>a switch port</comment>
        <translation>porta %1</translation>
    </message>
    <message>
        <source>%1 restored</source>
        <comment>link marker</comment>
        <translation>ripristino %1</translation>
    </message>
    <message>
        <source>%1 broken</source>
        <comment>link marker</comment>
        <translation>interruzione %1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>link marker: link and break mode, e.g. NodeA:eth0 cut</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>note</source>
        <comment>marker of an engine note</comment>
        <translation>nota</translation>
    </message>
    <message>
        <source>%1 broken (%2) on switch port %3</source>
        <translation>%1: interruzione (%2) sulla porta %3 dello switch</translation>
    </message>
    <message>
        <source>%1 restored on switch port %2</source>
        <translation>%1: ripristino sulla porta %2 dello switch</translation>
    </message>
    <message>
        <source>subflow stale</source>
        <comment>MPTCP marker: a subflow stopped making progress</comment>
        <translation>subflow in stallo</translation>
    </message>
    <message>
        <source>subflow back</source>
        <comment>MPTCP marker: a stale subflow works again</comment>
        <translation>subflow ripreso</translation>
    </message>
    <message>
        <source>new subflow</source>
        <comment>MPTCP marker: a subflow was established</comment>
        <translation>nuovo subflow</translation>
    </message>
    <message>
        <source>subflow closed</source>
        <comment>MPTCP marker: a subflow was closed</comment>
        <translation>subflow chiuso</translation>
    </message>
    <message>
        <source>backup flag</source>
        <comment>MPTCP marker: a subflow&apos;s backup priority changed</comment>
        <translation>flag backup</translation>
    </message>
    <message>
        <source>address announced</source>
        <comment>MPTCP marker: the peer announced an address</comment>
        <translation>indirizzo annunciato</translation>
    </message>
    <message>
        <source>address removed</source>
        <comment>MPTCP marker: the peer removed an address</comment>
        <translation>indirizzo rimosso</translation>
    </message>
    <message>
        <source>MPTCP connection</source>
        <comment>MPTCP marker: an MPTCP connection started</comment>
        <translation>connessione MPTCP</translation>
    </message>
    <message>
        <source>connection closed</source>
        <comment>MPTCP marker: an MPTCP connection closed</comment>
        <translation>connessione chiusa</translation>
    </message>
    <message>
        <source>listener</source>
        <comment>MPTCP marker: a listening socket was created or closed</comment>
        <translation>socket in ascolto</translation>
    </message>
</context>
<context>
    <name>TerminalLauncher</name>
    <message>
        <source>no terminal emulator found: set TERMINAL, or install one (xterm, gnome-terminal, konsole...)</source>
        <translation>nessun emulatore di terminale trovato: imposta TERMINAL o installane uno (xterm, gnome-terminal, konsole...)</translation>
    </message>
    <message>
        <source>%1 could not be started</source>
        <translation>impossibile avviare %1</translation>
    </message>
</context>
<context>
    <name>TopologyText</name>
    <message>
        <source>%1 (VLAN %2)</source>
        <translation>%1 (VLAN %2)</translation>
    </message>
    <message>
        <source>management (VLAN %1)</source>
        <translation>gestione (VLAN %1)</translation>
    </message>
    <message>
        <source>%1 (%2, MPTCP %3)</source>
        <translation>%1 (%2, MPTCP %3)</translation>
    </message>
    <message>
        <source>management</source>
        <translation>gestione</translation>
    </message>
    <message>
        <source>on %1</source>
        <translation>su %1</translation>
    </message>
    <message>
        <source>MPTCP off</source>
        <translation>MPTCP disattivato</translation>
    </message>
    <message>
        <source>no MPTCP endpoint</source>
        <translation>nessun endpoint MPTCP</translation>
    </message>
    <message>
        <source>endpoint %1</source>
        <translation>endpoint %1</translation>
    </message>
    <message>
        <source>%1: %2, MAC %3, switch port %4, %5, %6</source>
        <extracomment>interface name, address, MAC address, switch port, path, MPTCP endpoint</extracomment>
        <translation>%1: %2, MAC %3, porta dello switch %4, %5, %6</translation>
    </message>
    <message>
        <source>Management host</source>
        <translation>Host di gestione</translation>
    </message>
    <message>
        <source>tap %1, %2, switch port %3</source>
        <translation>tap %1, %2, porta dello switch %3</translation>
    </message>
    <message>
        <source>The engine reaches every node over SSH from here.</source>
        <translation>Da qui il motore raggiunge ogni nodo via SSH.</translation>
    </message>
    <message>
        <source>VDE switch</source>
        <translation>Switch VDE</translation>
    </message>
    <message>
        <source>ports 1 to %1, %2 in use</source>
        <translation>porte da 1 a %1, %2 in uso</translation>
    </message>
    <message>
        <source>VLANs %1 (dead VLAN %2)</source>
        <translation>VLAN %1 (VLAN morta %2)</translation>
    </message>
    <message>
        <source>%1 to switch port %2</source>
        <translation>%1 alla porta %2 dello switch</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Not breakable: the engine reaches the nodes through it.</source>
        <translation>Non interrompibile: il motore raggiunge i nodi attraverso questo cavo.</translation>
    </message>
    <message>
        <source>Up. Click to break it (cut); right-click to unplug.</source>
        <translation>Attivo. Fai clic per interromperlo (taglio); clic destro per staccare il cavo.</translation>
    </message>
    <message>
        <source>Broken: unplugged (the interface is down inside the node). Click to restore.</source>
        <translation>Interrotto: cavo staccato (l&apos;interfaccia è disattivata nel nodo). Fai clic per ripristinarlo.</translation>
    </message>
    <message>
        <source>Broken: cut (the port is on the dead VLAN %1). Click to restore.</source>
        <translation>Interrotto: taglio (la porta è sulla VLAN morta %1). Fai clic per ripristinarlo.</translation>
    </message>
    <message>
        <source>dead VLAN %1: broken links go here</source>
        <translation>VLAN morta %1: qui finiscono i collegamenti interrotti</translation>
    </message>
    <message>
        <source>gap and red plug at the node: unplugged</source>
        <translation>spazio e spina rossa vicino al nodo: cavo staccato</translation>
    </message>
    <message>
        <source>Up, but a subflow on it is stalled: MPTCP sees no progress on this path. Click to break it (cut); right-click to unplug.</source>
        <translation>Attivo, ma un subflow su di esso è in stallo: MPTCP non vede progressi su questo percorso. Fai clic per interromperlo (taglio); clic destro per scollegarlo.</translation>
    </message>
    <message>
        <source>amber halo: up, but its traffic stalled</source>
        <translation>alone ambra: attivo, ma il traffico è in stallo</translation>
    </message>
    <message>
        <source>QEMU virtual machine: %1 MiB, launch %2, accelerator %3 (from the lab file)</source>
        <translation>Macchina virtuale QEMU: %1 MiB, lancio %2, acceleratore %3 (dal file del laboratorio)</translation>
    </message>
    <message>
        <source>Its state, kernel and boot time show once the lab is up.</source>
        <translation>Stato, kernel e tempo di avvio compaiono quando il laboratorio è avviato.</translation>
    </message>
    <message>
        <source>KVM (hardware virtualisation)</source>
        <translation>KVM (virtualizzazione hardware)</translation>
    </message>
    <message>
        <source>TCG (software emulation, slower)</source>
        <translation>TCG (emulazione software, più lenta)</translation>
    </message>
    <message>
        <source>%1 s from QEMU&apos;s start to SSH</source>
        <translation>%1 s dalla partenza di QEMU all&apos;SSH pronto</translation>
    </message>
    <message>
        <source>not booted yet</source>
        <translation>non ancora completato</translation>
    </message>
    <message>
        <source>VM state: %1</source>
        <extracomment>the run state QEMU reports for the VM (&quot;running&quot;, &quot;paused&quot;, &quot;shutdown&quot;...)</extracomment>
        <translation>Stato della VM: %1</translation>
    </message>
    <message>
        <source>Accelerator: %1</source>
        <translation>Acceleratore: %1</translation>
    </message>
    <message>
        <source>Kernel: %1</source>
        <translation>Kernel: %1</translation>
    </message>
    <message>
        <source>not known yet</source>
        <translation>non ancora noto</translation>
    </message>
    <message>
        <source>Memory: %1 MiB</source>
        <translation>Memoria: %1 MiB</translation>
    </message>
    <message>
        <source>Launch: %1</source>
        <translation>Modalità di lancio: %1</translation>
    </message>
    <message>
        <source>Boot: %1</source>
        <translation>Avvio: %1</translation>
    </message>
    <message>
        <source>Console log: %1</source>
        <translation>Log della console: %1</translation>
    </message>
    <message>
        <source>VM</source>
        <extracomment>badge of a QEMU node on the canvas, before QEMU has chosen its accelerator</extracomment>
        <translation>VM</translation>
    </message>
    <message>
        <source>VM · %1</source>
        <extracomment>badge of a QEMU node on the canvas; %1 is its accelerator, KVM or TCG</extracomment>
        <translation>VM · %1</translation>
    </message>
    <message>
        <source>Boots its own disk %1 (never written), logged in to as %2</source>
        <extracomment>%1 is a disk image&apos;s path, %2 the user the lab logs in as</extracomment>
        <translation>Si avvia dal proprio disco %1 (mai scritto), con accesso come %2</translation>
    </message>
    <message>
        <source>the disk&apos;s own</source>
        <translation>quello del disco</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Lab file to open (default: the built-in seed lab).</source>
        <translation>File del laboratorio da aprire (predefinito: il laboratorio iniziale integrato).</translation>
    </message>
    <message>
        <source>Language of the window: en or it (default: the system&apos;s, or Settings).</source>
        <translation>Lingua della finestra: en o it (predefinita: quella del sistema, o quella delle Impostazioni).</translation>
    </message>
    <message>
        <source>MPTCP Lab: a lab manager for teaching and demonstrating Multipath TCP.
Opens the lab in a window: start it, run traffic, break a link and watch MPTCP move the traffic.
The lab itself runs as root: Start asks for it through pkexec or sudo.
Command line: mptcplab-cli --help.</source>
        <translation>MPTCP Lab: un gestore di laboratori per insegnare e dimostrare Multipath TCP.
Apre il laboratorio in una finestra: avvialo, genera traffico, interrompi un collegamento e osserva MPTCP spostare il traffico.
Il laboratorio vero e proprio gira come root: Avvia ottiene i permessi tramite pkexec o sudo.
Riga di comando: mptcplab-cli --help.</translation>
    </message>
    <message>
        <source>MPTCP Lab</source>
        <translation>MPTCP Lab</translation>
    </message>
    <message>
        <source>The lab file cannot be used:

%1</source>
        <translation>Il file del laboratorio non è utilizzabile:

%1</translation>
    </message>
</context>
<context>
    <name>mlab</name>
    <message>
        <source>mptcplab-cli was not found next to %1 nor on PATH: it starts the lab&apos;s engine. Reinstall MPTCP Lab (cmake --install).</source>
        <translation>mptcplab-cli non è stato trovato accanto a %1 né nel PATH: serve ad avviare il motore del laboratorio. Reinstalla MPTCP Lab (cmake --install).</translation>
    </message>
</context>
<context>
    <name>mlab::ConsoleLogDialog</name>
    <message>
        <source>Refresh</source>
        <translation>Aggiorna</translation>
    </message>
    <message>
        <source>Console log of %1</source>
        <translation>Log della console di %1</translation>
    </message>
    <message>
        <source>Read the console log again: the VM keeps writing to it</source>
        <translation>Rileggi il log della console: la VM continua a scriverci</translation>
    </message>
    <message>
        <source>Read the console log again (%1)</source>
        <translation>Rileggi il log della console (%1)</translation>
    </message>
    <message>
        <source>Reading the console log of %1...</source>
        <translation>Lettura del log della console di %1...</translation>
    </message>
    <message>
        <source>The newest %1 of %2 (%3 in all), read at %4</source>
        <translation>Gli ultimi %1 di %2 (%3 in tutto), letti alle %4</translation>
    </message>
    <message>
        <source>%1 (%2), read at %3</source>
        <translation>%1 (%2), letto alle %3</translation>
    </message>
    <message>
        <source>(the VM has written nothing to its console yet)</source>
        <translation>(la VM non ha ancora scritto nulla sulla sua console)</translation>
    </message>
    <message>
        <source>Cannot read the console log of %1: %2</source>
        <translation>Impossibile leggere il log della console di %1: %2</translation>
    </message>
</context>
<context>
    <name>mlab::EndpointsView</name>
    <message numerus="yes">
        <source>%1 (%n line(s) not understood)</source>
        <translation>
            <numerusform>%1 (%n riga non compresa)</numerusform>
            <numerusform>%1 (%n righe non comprese)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The node printed %n line(s) this version does not understand</source>
        <translation>
            <numerusform>Il nodo ha stampato %n riga che questa versione non comprende</numerusform>
            <numerusform>Il nodo ha stampato %n righe che questa versione non comprende</numerusform>
        </translation>
    </message>
    <message>
        <source>no endpoints</source>
        <translation>nessun endpoint</translation>
    </message>
    <message>
        <source>at most %1 extra subflows</source>
        <translation>al massimo %1 subflow aggiuntivi</translation>
    </message>
    <message>
        <source>accepts %1 ADD_ADDR</source>
        <translation>accetta %1 ADD_ADDR</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <extracomment>node name, then what its path manager is set to, e.g. &quot;NodeA: at most 8 extra subflows, accepts 8 ADD_ADDR&quot;</extracomment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>backup</source>
        <translation>backup</translation>
    </message>
    <message>
        <source>%1: out-of-tree kernel, no addresses</source>
        <extracomment>an out-of-tree MPTCP kernel has no endpoints or limits, only the fullmesh address table of `multipath -f`</extracomment>
        <translation>%1: kernel out-of-tree, nessun indirizzo</translation>
    </message>
    <message>
        <source>%1: out-of-tree kernel, fullmesh addresses</source>
        <translation>%1: kernel out-of-tree, indirizzi fullmesh</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Indirizzo</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Flag</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Dispositivo</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Porta</translation>
    </message>
</context>
<context>
    <name>mlab::LabActions</name>
    <message>
        <source>&amp;Start lab</source>
        <translation>&amp;Avvia il laboratorio</translation>
    </message>
    <message>
        <source>Start the switch and the nodes, and configure MPTCP</source>
        <translation>Avvia lo switch e i nodi e configura MPTCP</translation>
    </message>
    <message>
        <source>S&amp;top lab</source>
        <translation>&amp;Ferma il laboratorio</translation>
    </message>
    <message>
        <source>Stop everything the lab runs and remove it</source>
        <translation>Ferma tutto ciò che il laboratorio esegue e rimuovilo</translation>
    </message>
    <message>
        <source>Start &amp;traffic</source>
        <translation>Avvia il &amp;traffico</translation>
    </message>
    <message>
        <source>Run the lab&apos;s traffic plan (an MPTCP iperf transfer)</source>
        <translation>Esegui il piano di traffico del laboratorio (un trasferimento iperf MPTCP)</translation>
    </message>
    <message>
        <source>Stop t&amp;raffic</source>
        <translation>Fer&amp;ma il traffico</translation>
    </message>
    <message>
        <source>Stop the traffic</source>
        <translation>Ferma il traffico</translation>
    </message>
    <message>
        <source>Run the &amp;demo</source>
        <translation>Esegui la &amp;demo</translation>
    </message>
    <message>
        <source>Traffic, a break of path 1 at 6 s, the restore at 12 s, and a report</source>
        <translation>Traffico, interruzione del percorso 1 a 6 s, ripristino a 12 s e un resoconto</translation>
    </message>
    <message>
        <source>Stop the scenario</source>
        <translation>Ferma lo scenario</translation>
    </message>
    <message>
        <source>Stop the running scenario: the links are restored and the traffic stopped</source>
        <translation>Ferma lo scenario in corso: i collegamenti vengono ripristinati e il traffico fermato</translation>
    </message>
    <message>
        <source>&amp;Break link</source>
        <translation>&amp;Interrompi il collegamento</translation>
    </message>
    <message>
        <source>Cut the last cable clicked, or path 1: its switch port moves to the dead VLAN</source>
        <translation>Taglia l&apos;ultimo cavo cliccato, o il percorso 1: la sua porta dello switch passa alla VLAN morta</translation>
    </message>
    <message>
        <source>&amp;Restore link</source>
        <translation>&amp;Ripristina il collegamento</translation>
    </message>
    <message>
        <source>Put the last cable clicked, or path 1, back on its VLAN</source>
        <translation>Riporta l&apos;ultimo cavo cliccato, o il percorso 1, sulla sua VLAN</translation>
    </message>
    <message>
        <source>&amp;Fit to window</source>
        <translation>&amp;Adatta alla finestra</translation>
    </message>
    <message>
        <source>Show the whole topology</source>
        <translation>Mostra l&apos;intera topologia</translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>Modalità &amp;presentazione</translation>
    </message>
    <message>
        <source>Full screen, large fonts and high contrast, for a projector</source>
        <translation>Schermo intero, caratteri grandi e alto contrasto, per il proiettore</translation>
    </message>
    <message>
        <source>Export &amp;plot...</source>
        <translation>Esporta il &amp;grafico...</translation>
    </message>
    <message>
        <source>Save the throughput plot as PNG, PDF or CSV</source>
        <translation>Salva il grafico del throughput come PNG, PDF o CSV</translation>
    </message>
    <message>
        <source>Export &amp;commands as a script...</source>
        <translation>Esporta i &amp;comandi come script...</translation>
    </message>
    <message>
        <source>Save every command the lab ran as a shell script to repeat by hand</source>
        <translation>Salva tutti i comandi eseguiti dal laboratorio come script di shell da ripetere a mano</translation>
    </message>
    <message>
        <source>&amp;About MPTCP Lab</source>
        <translation>&amp;Informazioni su MPTCP Lab</translation>
    </message>
    <message>
        <source>Versions and licence</source>
        <translation>Versioni e licenza</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Esci</translation>
    </message>
    <message>
        <source>Close the window; a running lab keeps running</source>
        <translation>Chiudi la finestra; un laboratorio avviato resta in esecuzione</translation>
    </message>
    <message>
        <source>&amp;Save Layout</source>
        <translation>&amp;Salva disposizione</translation>
    </message>
    <message>
        <source>Keep the boxes where you dragged them: their positions go into the lab file</source>
        <translation>Mantieni i riquadri dove li hai trascinati: le loro posizioni vanno nel file del laboratorio</translation>
    </message>
    <message>
        <source>Save Layout &amp;As...</source>
        <translation>Salva disposizione &amp;come...</translation>
    </message>
    <message>
        <source>Save a copy of the lab file with the positions of the boxes</source>
        <translation>Salva una copia del file del laboratorio con le posizioni dei riquadri</translation>
    </message>
    <message>
        <source>Reset &amp;Layout</source>
        <translation>Ripristina &amp;disposizione</translation>
    </message>
    <message>
        <source>Put every box back where the default layout draws it</source>
        <translation>Riporta ogni riquadro dove lo disegna la disposizione predefinita</translation>
    </message>
    <message>
        <source>Se&amp;ttings...</source>
        <translation>Impo&amp;stazioni...</translation>
    </message>
    <message>
        <source>The window&apos;s language</source>
        <translation>La lingua della finestra</translation>
    </message>
</context>
<context>
    <name>mlab::LabSession</name>
    <message>
        <source>looking for the engine of lab %1</source>
        <translation>ricerca del motore del laboratorio %1</translation>
    </message>
    <message>
        <source>lab %1 is not running</source>
        <translation>il laboratorio %1 non è avviato</translation>
    </message>
    <message>
        <source>the lab is down</source>
        <translation>il laboratorio è spento</translation>
    </message>
    <message>
        <source>lab %1 is down</source>
        <translation>il laboratorio %1 è spento</translation>
    </message>
    <message>
        <source>the engine of lab %1 went away: %2</source>
        <translation>il motore del laboratorio %1 si è disconnesso: %2</translation>
    </message>
    <message>
        <source>connected to the engine of lab %1</source>
        <translation>connesso al motore del laboratorio %1</translation>
    </message>
    <message>
        <source>the window fell behind and missed %1 %2 event(s) from the engine</source>
        <translation>la finestra è rimasta indietro e ha perso %1 evento/i %2 del motore</translation>
    </message>
    <message>
        <source>lab %1 is not running: start it first</source>
        <translation>il laboratorio %1 non è avviato: avvialo prima</translation>
    </message>
    <message>
        <source>starting the engine of lab %1</source>
        <translation>avvio del motore del laboratorio %1</translation>
    </message>
    <message>
        <source>lab %1 is ready</source>
        <translation>il laboratorio %1 è pronto</translation>
    </message>
    <message>
        <source>lab %1 is down; %2 process(es) still running in it were killed</source>
        <translation>il laboratorio %1 è spento; processi ancora attivi al suo interno terminati: %2</translation>
    </message>
    <message>
        <source>traffic started</source>
        <translation>traffico avviato</translation>
    </message>
    <message>
        <source>traffic stopped</source>
        <translation>traffico fermato</translation>
    </message>
    <message>
        <source>scenario %1 started</source>
        <translation>scenario %1 avviato</translation>
    </message>
    <message>
        <source>scenario stopped</source>
        <translation>scenario fermato</translation>
    </message>
</context>
<context>
    <name>mlab::LayoutSaver</name>
    <message>
        <source>Boxes moved: Lab &gt; Save Layout As keeps them in a copy of this lab</source>
        <translation>Riquadri spostati: Laboratorio &gt; Salva disposizione come li conserva in una copia di questo laboratorio</translation>
    </message>
    <message>
        <source>Boxes moved: Lab &gt; Save Layout keeps them in %1</source>
        <translation>Riquadri spostati: Laboratorio &gt; Salva disposizione li conserva in %1</translation>
    </message>
    <message>
        <source>Save the lab with its layout</source>
        <translation>Salva il laboratorio con la sua disposizione</translation>
    </message>
    <message>
        <source>Lab file (*.json)</source>
        <translation>File del laboratorio (*.json)</translation>
    </message>
    <message>
        <source>Lab saved with its layout to %1: open it with mptcplab --lab %1</source>
        <translation>Laboratorio salvato con la sua disposizione in %1: aprilo con mptcplab --lab %1</translation>
    </message>
    <message>
        <source>Layout saved in %1</source>
        <translation>Disposizione salvata in %1</translation>
    </message>
    <message>
        <source>Save the layout?</source>
        <translation>Salvare la disposizione?</translation>
    </message>
    <message>
        <source>You moved boxes on the canvas. Save their positions in the lab file?</source>
        <translation>Hai spostato dei riquadri nello schema. Salvare le loro posizioni nel file del laboratorio?</translation>
    </message>
</context>
<context>
    <name>mlab::MainWindow</name>
    <message>
        <source>Start again</source>
        <translation>Riavvia</translation>
    </message>
    <message>
        <source>Clean up</source>
        <translation>Ripulisci</translation>
    </message>
    <message>
        <source>Start the lab&apos;s engine and bring the lab up again</source>
        <translation>Avvia il motore del laboratorio e rimettilo in funzione</translation>
    </message>
    <message>
        <source>Start the lab&apos;s engine, which removes what a dead engine left, then stop the lab</source>
        <translation>Avvia il motore del laboratorio, che rimuove ciò che un motore terminato ha lasciato, poi ferma il laboratorio</translation>
    </message>
    <message>
        <source>the lab is not running</source>
        <translation>il laboratorio non è avviato</translation>
    </message>
    <message>
        <source>Lab: %1</source>
        <translation>Laboratorio: %1</translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation>Problema: %1</translation>
    </message>
    <message>
        <source>Engine: not running</source>
        <translation>Motore: non avviato</translation>
    </message>
    <message>
        <source>Lab: down</source>
        <translation>Laboratorio: spento</translation>
    </message>
    <message>
        <source>Lab %1 is not running. Start it with Lab &gt; Start lab (F5).</source>
        <translation>Il laboratorio %1 non è avviato. Avvialo con Laboratorio &gt; Avvia il laboratorio (F5).</translation>
    </message>
    <message>
        <source>Engine: starting</source>
        <translation>Motore: in avvio</translation>
    </message>
    <message>
        <source>Engine: connected</source>
        <translation>Motore: connesso</translation>
    </message>
    <message>
        <source>Engine: lost</source>
        <translation>Motore: connessione persa</translation>
    </message>
    <message>
        <source>The lab&apos;s engine is not available: %1</source>
        <translation>Il motore del laboratorio non è disponibile: %1</translation>
    </message>
    <message>
        <source>Export the plot</source>
        <translation>Esporta il grafico</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf);;CSV table (*.csv)</source>
        <translation>Immagine PNG (*.png);;Documento PDF (*.pdf);;Tabella CSV (*.csv)</translation>
    </message>
    <message>
        <source>Plot saved to %1</source>
        <translation>Grafico salvato in %1</translation>
    </message>
    <message>
        <source>Export the commands as a shell script</source>
        <translation>Esporta i comandi come script di shell</translation>
    </message>
    <message>
        <source>Shell script (*.sh)</source>
        <translation>Script di shell (*.sh)</translation>
    </message>
    <message>
        <source>Commands saved to %1</source>
        <translation>Comandi salvati in %1</translation>
    </message>
    <message>
        <source>About MPTCP Lab</source>
        <translation>Informazioni su MPTCP Lab</translation>
    </message>
    <message>
        <source>&lt;h3&gt;MPTCP Lab %1&lt;/h3&gt;&lt;p&gt;A lab manager for teaching and demonstrating Multipath TCP: two hosts, a VDE switch with VLANs, and the class watching MPTCP move the traffic when a link breaks.&lt;/p&gt;&lt;p&gt;Every command the lab runs is in the transcript, so students can repeat it by hand.&lt;/p&gt;&lt;p&gt;Built with %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;MPTCP Lab %1&lt;/h3&gt;&lt;p&gt;Un gestore di laboratori per insegnare e dimostrare Multipath TCP: due host, uno switch VDE con VLAN e la classe che osserva MPTCP spostare il traffico quando un collegamento si interrompe.&lt;/p&gt;&lt;p&gt;Ogni comando eseguito dal laboratorio compare nel registro dei comandi, così gli studenti possono ripeterlo a mano.&lt;/p&gt;&lt;p&gt;Realizzato con %2.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>MPTCP Lab: %1</source>
        <translation>MPTCP Lab: %1</translation>
    </message>
    <message>
        <source>&amp;Lab</source>
        <translation>&amp;Laboratorio</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Visualizza</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aiuto</translation>
    </message>
    <message>
        <source>Lab</source>
        <translation>Laboratorio</translation>
    </message>
    <message>
        <source>Subflows</source>
        <translation>Subflow</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>Registro comandi</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>Console</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Fasi</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Scenario</translation>
    </message>
    <message>
        <source>Lab %1 is ready: it was started before this window opened.</source>
        <translation>Il laboratorio %1 è pronto: è stato avviato prima che si aprisse questa finestra.</translation>
    </message>
    <message>
        <source>Terminal on %1: %2</source>
        <translation>Terminale su %1: %2</translation>
    </message>
</context>
<context>
    <name>mlab::NodeConsole</name>
    <message>
        <source>Run</source>
        <translation>Esegui</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Ferma</translation>
    </message>
    <message>
        <source>A command to run on the node, e.g. ip mptcp endpoint show</source>
        <translation>Un comando da eseguire sul nodo, ad es. ip mptcp endpoint show</translation>
    </message>
    <message>
        <source>[%1]</source>
        <translation>[%1]</translation>
    </message>
    <message>
        <source>[exit status %1]</source>
        <translation>[stato di uscita %1]</translation>
    </message>
    <message>
        <source>Open in terminal</source>
        <translation>Apri nel terminale</translation>
    </message>
    <message>
        <source>Log in to the node in a terminal window of the desktop, over the lab&apos;s SSH</source>
        <translation>Accedi al nodo in una finestra di terminale del desktop, tramite l&apos;SSH del laboratorio</translation>
    </message>
    <message>
        <source>Open console log</source>
        <translation>Apri il log della console</translation>
    </message>
    <message>
        <source>Show what the VM&apos;s kernel and init printed on its serial console</source>
        <translation>Mostra ciò che il kernel e l&apos;init della VM hanno scritto sulla console seriale</translation>
    </message>
    <message>
        <source>Show the VM&apos;s serial console log (%1)</source>
        <translation>Mostra il log della console seriale della VM (%1)</translation>
    </message>
    <message>
        <source>%1 is not a VM: only a VM has a serial console log</source>
        <translation>%1 non è una VM: solo una VM ha un log della console seriale</translation>
    </message>
</context>
<context>
    <name>mlab::PlotControls</name>
    <message>
        <source>&amp;Window:</source>
        <translation>&amp;Intervallo:</translation>
    </message>
    <message>
        <source>30 s</source>
        <translation>30 s</translation>
    </message>
    <message>
        <source>2 min</source>
        <translation>2 min</translation>
    </message>
    <message>
        <source>10 min</source>
        <translation>10 min</translation>
    </message>
    <message>
        <source>All</source>
        <comment>plot window: all the data</comment>
        <translation>Tutto</translation>
    </message>
    <message>
        <source>How much time the plot shows, ending at the newest sample</source>
        <translation>Quanto tempo mostra il grafico, fino al campione più recente</translation>
    </message>
    <message>
        <source>&amp;Counters:</source>
        <translation>&amp;Contatori:</translation>
    </message>
    <message>
        <source>Nodes&apos; interfaces</source>
        <translation>Interfacce dei nodi</translation>
    </message>
    <message>
        <source>Switch ports</source>
        <translation>Porte dello switch</translation>
    </message>
    <message>
        <source>Where the throughput is measured: on the nodes (over SSH) or at the switch&apos;s ports</source>
        <translation>Dove si misura il throughput: sui nodi (via SSH) o sulle porte dello switch</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausa</translation>
    </message>
    <message>
        <source>Stop following the newest data (data is still recorded); drag or zoom the plot to look around</source>
        <translation>Smetti di seguire i dati più recenti (i dati vengono comunque registrati); trascina o ingrandisci il grafico per esplorarlo</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Esporta</translation>
    </message>
    <message>
        <source>Save the plot or its data</source>
        <translation>Salva il grafico o i suoi dati</translation>
    </message>
    <message>
        <source>Plot as PNG image…</source>
        <translation>Grafico come immagine PNG…</translation>
    </message>
    <message>
        <source>Plot as PDF…</source>
        <translation>Grafico come PDF…</translation>
    </message>
    <message>
        <source>Visible data as CSV…</source>
        <translation>Dati visibili come CSV…</translation>
    </message>
    <message>
        <source>All data as CSV…</source>
        <translation>Tutti i dati come CSV…</translation>
    </message>
    <message>
        <source>Save the plot as shown, as a PNG image</source>
        <translation>Salva il grafico così come appare, come immagine PNG</translation>
    </message>
    <message>
        <source>Save the plot as shown, as a vector PDF</source>
        <translation>Salva il grafico così come appare, come PDF vettoriale</translation>
    </message>
    <message>
        <source>Save the throughput in the visible time range as comma-separated values</source>
        <translation>Salva il throughput dell&apos;intervallo di tempo visibile come valori separati da virgole</translation>
    </message>
    <message>
        <source>Save all the recorded throughput as comma-separated values</source>
        <translation>Salva tutto il throughput registrato come valori separati da virgole</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Immagini PNG (*.png)</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documenti PDF (*.pdf)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>File CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export throughput</source>
        <translation>Esporta il throughput</translation>
    </message>
    <message>
        <source>Could not export to %1: the plot is gone.</source>
        <translation>Impossibile esportare in %1: il grafico non esiste più.</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Salvato: %1</translation>
    </message>
</context>
<context>
    <name>mlab::ScenarioPanel</name>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>terminato</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>fermato</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fallito</translation>
    </message>
    <message>
        <source>Run the demo</source>
        <translation>Esegui la demo</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Ferma</translation>
    </message>
    <message>
        <source>%1:%2 (%3)</source>
        <translation>%1:%2 (%3)</translation>
    </message>
    <message>
        <source>cut (silent: the port moves to the dead VLAN)</source>
        <translation>taglio (silenzioso: la porta passa alla VLAN morta)</translation>
    </message>
    <message>
        <source>unplug (the node sees its cable go)</source>
        <translation>cavo staccato (il nodo vede sparire il suo cavo)</translation>
    </message>
    <message>
        <source>When the demo ends, the engine&apos;s report appears here in plain words.</source>
        <translation>Al termine della demo, qui compare il resoconto del motore in parole semplici.</translation>
    </message>
    <message>
        <source>Break at</source>
        <translation>Interruzione a</translation>
    </message>
    <message>
        <source>Restore at</source>
        <translation>Ripristino a</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durata</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Collegamento</translation>
    </message>
    <message>
        <source>Kind of break</source>
        <translation>Tipo di interruzione</translation>
    </message>
    <message>
        <source>No scenario has run yet.</source>
        <translation>Non è ancora stato eseguito alcuno scenario.</translation>
    </message>
    <message>
        <source>The scenario %1.</source>
        <translation>Scenario %1.</translation>
    </message>
    <message>
        <source>The scenario %1: %2</source>
        <translation>Scenario %1: %2</translation>
    </message>
    <message>
        <source>No report: the run did not break a link with traffic flowing.</source>
        <translation>Nessun resoconto: l&apos;esecuzione non ha interrotto alcun collegamento mentre il traffico scorreva.</translation>
    </message>
    <message>
        <source>Running: %1 s of %2 s</source>
        <translation>In esecuzione: %1 s di %2 s</translation>
    </message>
    <message>
        <source>[%1 s] %2 %3: %4%5</source>
        <translation>[%1 s] %2 %3: %4%5</translation>
    </message>
    <message>
        <source> (FAILED)</source>
        <translation> (ERRORE)</translation>
    </message>
</context>
<context>
    <name>mlab::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Impostazioni</translation>
    </message>
    <message>
        <source>The system&apos;s language</source>
        <translation>La lingua del sistema</translation>
    </message>
    <message>
        <source>The new language is used the next time the window opens.</source>
        <translation>La nuova lingua sarà usata alla prossima apertura della finestra.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Lingua:</translation>
    </message>
</context>
<context>
    <name>mlab::StepPanel</name>
    <message>
        <source>Starting the lab</source>
        <translation>Avvio del laboratorio</translation>
    </message>
    <message>
        <source>Stopping the lab</source>
        <translation>Arresto del laboratorio</translation>
    </message>
    <message>
        <source>running</source>
        <translation>in corso</translation>
    </message>
    <message>
        <source>done</source>
        <translation>completata</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>FALLITA</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Fase</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tempo</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Cosa è successo</translation>
    </message>
    <message>
        <source>When a step fails, the command that failed and its output appear here.</source>
        <translation>Quando una fase fallisce, qui compaiono il comando non riuscito e il suo output.</translation>
    </message>
    <message>
        <source>Nothing started yet.</source>
        <translation>Non è ancora stato avviato nulla.</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Step %1 failed: %2

Command: %3

Output:
%4</source>
        <translation>Fase %1 fallita: %2

Comando: %3

Output:
%4</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Errore: %1</translation>
    </message>
</context>
<context>
    <name>mlab::SubflowPanel</name>
    <message>
        <source>All nodes</source>
        <translation>Tutti i nodi</translation>
    </message>
    <message>
        <source>Show the subflows of one node only</source>
        <translation>Mostra solo i subflow di un nodo</translation>
    </message>
    <message>
        <source>Search addresses, interfaces, states, reasons…</source>
        <translation>Cerca indirizzi, interfacce, stati, motivi…</translation>
    </message>
    <message>
        <source>MPTCP endpoints and limits of each node</source>
        <translation>Endpoint e limiti MPTCP di ogni nodo</translation>
    </message>
</context>
<context>
    <name>mlab::SubflowTableModel</name>
    <message>
        <source>SYN-SENT (join in progress)</source>
        <translation>SYN-SENT (join in corso)</translation>
    </message>
    <message>
        <source>SYN-SENT (join never completed)</source>
        <translation>SYN-SENT (join mai completato)</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <extracomment>local address id / remote address id of an MPTCP subflow</extracomment>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>backup</source>
        <translation>backup</translation>
    </message>
    <message>
        <source>stalled</source>
        <translation>bloccato</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>chiuso</translation>
    </message>
    <message>
        <source>active</source>
        <translation>attivo</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 ms, backoff %2</source>
        <translation>%1 ms, backoff %2</translation>
    </message>
    <message>
        <source>Stalled: %1</source>
        <translation>Bloccato: %1</translation>
    </message>
    <message>
        <source>Stalled: data outstanding without acknowledged progress, retransmission backoff, or a handshake not answered</source>
        <translation>Bloccato: dati in sospeso senza avanzamento confermato, backoff di ritrasmissione o handshake senza risposta</translation>
    </message>
    <message>
        <source>Closed: gone from ss, or past ESTAB; kept for a few seconds before it disappears</source>
        <translation>Chiuso: sparito da ss, o oltre ESTAB; resta visibile per qualche secondo prima di scomparire</translation>
    </message>
    <message>
        <source>Local token %1, remote token %2</source>
        <translation>Token locale %1, token remoto %2</translation>
    </message>
    <message>
        <source>MPTCP flags: %1</source>
        <translation>Flag MPTCP: %1</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Nodo</translation>
    </message>
    <message>
        <source>The MPTCP connection&apos;s local token</source>
        <translation>Token locale della connessione MPTCP</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>Locale</translation>
    </message>
    <message>
        <source>Remote</source>
        <translation>Remoto</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>Interfaccia</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Percorso</translation>
    </message>
    <message>
        <source>Local and remote MPTCP address ids</source>
        <translation>ID degli indirizzi MPTCP locale e remoto</translation>
    </message>
    <message>
        <source>IDs</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>TCP state of the subflow, as ss prints it</source>
        <translation>Stato TCP del subflow, come lo stampa ss</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Salute</translation>
    </message>
    <message>
        <source>Sent plus received, in Mbit/s</source>
        <translation>Inviati più ricevuti, in Mbit/s</translation>
    </message>
    <message>
        <source>Mbit/s</source>
        <translation>Mbit/s</translation>
    </message>
    <message>
        <source>RTT</source>
        <translation>RTT</translation>
    </message>
    <message>
        <source>Retransmission timeout, and its backoff count</source>
        <translation>Timeout di ritrasmissione e numero di backoff</translation>
    </message>
    <message>
        <source>RTO</source>
        <translation>RTO</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
</context>
<context>
    <name>mlab::ThroughputPlot</name>
    <message>
        <source>Time (s)</source>
        <translation>Tempo (s)</translation>
    </message>
    <message>
        <source>Throughput (Mbit/s)</source>
        <translation>Throughput (Mbit/s)</translation>
    </message>
    <message>
        <source>total</source>
        <comment>legend: the throughput of all paths</comment>
        <translation>totale</translation>
    </message>
    <message>
        <source>no file name was given</source>
        <translation>non è stato indicato alcun nome di file</translation>
    </message>
    <message>
        <source>it is a folder</source>
        <translation>è una cartella</translation>
    </message>
    <message>
        <source>the folder %1 does not exist</source>
        <translation>la cartella %1 non esiste</translation>
    </message>
    <message>
        <source>Could not save the plot as PNG to %1: %2.</source>
        <translation>Impossibile salvare il grafico come PNG in %1: %2.</translation>
    </message>
    <message>
        <source>the image could not be written (no permission, or the disk is full?)</source>
        <translation>impossibile scrivere l&apos;immagine (permessi mancanti o disco pieno?)</translation>
    </message>
    <message>
        <source>Could not save the plot as PDF to %1: %2.</source>
        <translation>Impossibile salvare il grafico come PDF in %1: %2.</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>Throughput</translation>
    </message>
    <message>
        <source>the PDF could not be written (no permission, or the disk is full?)</source>
        <translation>impossibile scrivere il PDF (permessi mancanti o disco pieno?)</translation>
    </message>
    <message>
        <source>Could not save the data as CSV to %1: %2.</source>
        <translation>Impossibile salvare i dati come CSV in %1: %2.</translation>
    </message>
</context>
<context>
    <name>mlab::TopologyScene</name>
    <message>
        <source>VDE switch</source>
        <translation>Switch VDE</translation>
    </message>
    <message>
        <source>Break (cut)</source>
        <translation>Interrompi (taglio)</translation>
    </message>
    <message>
        <source>Move the port to the dead VLAN: neither node notices, data just stops</source>
        <translation>Sposta la porta sulla VLAN morta: nessuno dei due nodi se ne accorge, i dati semplicemente si fermano</translation>
    </message>
    <message>
        <source>Unplug</source>
        <translation>Stacca il cavo</translation>
    </message>
    <message>
        <source>Take the interface down inside the node, as if the cable were pulled out</source>
        <translation>Disattiva l&apos;interfaccia nel nodo, come se il cavo venisse staccato</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Ripristina</translation>
    </message>
    <message>
        <source>Plug the link back in on its own VLAN</source>
        <translation>Riporta il collegamento sulla sua VLAN</translation>
    </message>
    <message>
        <source>Management cable: the engine reaches the nodes through it</source>
        <translation>Cavo di gestione: il motore raggiunge i nodi attraverso questo cavo</translation>
    </message>
    <message>
        <source>%1 bit/s</source>
        <translation>%1 bit/s</translation>
    </message>
    <message>
        <source>%1 kbit/s</source>
        <translation>%1 kbit/s</translation>
    </message>
    <message>
        <source>%1 Mbit/s</source>
        <translation>%1 Mbit/s</translation>
    </message>
    <message>
        <source>%1 Gbit/s</source>
        <translation>%1 Gbit/s</translation>
    </message>
    <message>
        <source>Host</source>
        <comment>the management host, on the canvas</comment>
        <translation>Host</translation>
    </message>
</context>
<context>
    <name>mlab::TopologyView</name>
    <message>
        <source>Zoom &amp;In</source>
        <translation>&amp;Ingrandisci</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>&amp;Riduci</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>&amp;Adatta alla finestra</translation>
    </message>
    <message>
        <source>Zoom into the topology</source>
        <translation>Ingrandisci la topologia</translation>
    </message>
    <message>
        <source>Zoom out of the topology</source>
        <translation>Riduci la topologia</translation>
    </message>
    <message>
        <source>Show the whole lab</source>
        <translation>Mostra l&apos;intero laboratorio</translation>
    </message>
</context>
<context>
    <name>mlab::TranscriptModel</name>
    <message>
        <source>%1 s</source>
        <extracomment>seconds since the lab&apos;s first command</extracomment>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>did not run</source>
        <translation>non eseguito</translation>
    </message>
    <message>
        <source>failed (%1)</source>
        <translation>fallito (%1)</translation>
    </message>
    <message>
        <source>No output</source>
        <translation>Nessun output</translation>
    </message>
    <message>
        <source>%1
… (the whole output is in the detail pane)</source>
        <translation>%1
… (l&apos;output completo è nel riquadro dei dettagli)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tempo</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Dove</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Comando</translation>
    </message>
    <message>
        <source>Exit status</source>
        <translation>Stato di uscita</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Perché</translation>
    </message>
</context>
<context>
    <name>mlab::TranscriptPanel</name>
    <message>
        <source>On %1, exit status %2: %3
$ %4

%5</source>
        <extracomment>the detail pane: where the command ran, its exit status, why it ran, the command line, then its output</extracomment>
        <translation>Su %1, stato di uscita %2: %3
$ %4

%5</translation>
    </message>
    <message>
        <source>(no output)</source>
        <translation>(nessun output)</translation>
    </message>
    <message>
        <source>Cannot export the transcript to %1: no lab is set to write the script for</source>
        <translation>Impossibile esportare il registro dei comandi in %1: nessun laboratorio impostato per cui scrivere lo script</translation>
    </message>
    <message>
        <source>Nothing to export to %1: the transcript shows no command a shell can run</source>
        <translation>Niente da esportare in %1: il registro dei comandi non contiene comandi eseguibili da una shell</translation>
    </message>
    <message>
        <source>Cannot export the transcript to %1: %2</source>
        <translation>Impossibile esportare il registro dei comandi in %1: %2</translation>
    </message>
    <message>
        <source>Cannot write the script to %1: %2</source>
        <translation>Impossibile scrivere lo script in %1: %2</translation>
    </message>
    <message>
        <source>Wrote the script to %1, but could not make it executable: run it with sh</source>
        <translation>Script scritto in %1, ma non è stato possibile renderlo eseguibile: eseguilo con sh</translation>
    </message>
    <message>
        <source>Everywhere</source>
        <translation>Ovunque</translation>
    </message>
    <message>
        <source>Show the commands of one node, the host or the switch only</source>
        <translation>Mostra solo i comandi di un nodo, dell&apos;host o dello switch</translation>
    </message>
    <message>
        <source>Search commands, reasons and output…</source>
        <translation>Cerca comandi, motivi e output…</translation>
    </message>
    <message>
        <source>Only failures</source>
        <translation>Solo errori</translation>
    </message>
    <message>
        <source>Show only the commands that exited with an error or did not run</source>
        <translation>Mostra solo i comandi terminati con un errore o non eseguiti</translation>
    </message>
</context>
</TS>
