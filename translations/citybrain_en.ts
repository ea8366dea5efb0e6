<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>HeaderBar</name>
    <message>
        <location filename="../qml/Panels/HeaderBar.qml" line="9"/>
        <source>Digital Xianyang City Brain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/HeaderBar.qml" line="13"/>
        <source>Reconnecting to broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/HeaderBar.qml" line="14"/>
        <source>Connected, data interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/HeaderBar.qml" line="14"/>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/HeaderBar.qml" line="88"/>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/HeaderBar.qml" line="110"/>
        <source>Data age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/HeaderBar.qml" line="118"/>
        <source>No data yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/HeaderBar.qml" line="172"/>
        <source>Embedded broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/HeaderBar.qml" line="203"/>
        <source>%1 Beijing time</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HealthPanel</name>
    <message>
        <location filename="../qml/Panels/HealthPanel.qml" line="12"/>
        <source>System health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/HealthPanel.qml" line="13"/>
        <source>%1 / %2 online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/HealthPanel.qml" line="59"/>
        <source>Broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/HealthPanel.qml" line="60"/>
        <source>reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/HealthPanel.qml" line="64"/>
        <source>Messages / rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/HealthPanel.qml" line="65"/>
        <source>%1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/HealthPanel.qml" line="70"/>
        <source>Latency p99 · queue peak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/HealthPanel.qml" line="71"/>
        <source>%1 ms · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/HealthPanel.qml" line="74"/>
        <source>Memory · database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/HealthPanel.qml" line="75"/>
        <source>%1 MB · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/HealthPanel.qml" line="76"/>
        <source>write error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/HealthPanel.qml" line="76"/>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/HealthPanel.qml" line="135"/>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IncidentPanel</name>
    <message>
        <location filename="../qml/Panels/IncidentPanel.qml" line="10"/>
        <source>Incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/IncidentPanel.qml" line="11"/>
        <source>%1 open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/IncidentPanel.qml" line="14"/>
        <source>No incidents reported</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IncidentRow</name>
    <message>
        <location filename="../qml/Panels/IncidentRow.qml" line="81"/>
        <source>%1 · %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KpiPanel</name>
    <message>
        <location filename="../qml/Panels/KpiPanel.qml" line="23"/>
        <source>Key indicators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/KpiPanel.qml" line="24"/>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/KpiPanel.qml" line="26"/>
        <source>No indicators received yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KpiTile</name>
    <message>
        <location filename="../qml/Panels/KpiTile.qml" line="150"/>
        <source>Target %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/KpiTile.qml" line="165"/>
        <source>%1% · over limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/KpiTile.qml" line="166"/>
        <source>%1%</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="15"/>
        <source>Traffic accident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="17"/>
        <source>Fire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="19"/>
        <source>Urban waterlogging</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="21"/>
        <source>Pollution exceedance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="23"/>
        <source>Gas leak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="25"/>
        <source>12345 city management</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="28"/>
        <source>Traffic disruption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="30"/>
        <source>Severe weather</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="32"/>
        <source>Geological hazard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="34"/>
        <source>Public safety</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="36"/>
        <source>Public health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="38"/>
        <source>Rescue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="40"/>
        <source>Infrastructure failure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="42"/>
        <source>Hazardous materials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="44"/>
        <location filename="../qml/Theme/Labels.qml" line="47"/>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="54"/>
        <source>Critical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="56"/>
        <source>Major</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="58"/>
        <source>Moderate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="60"/>
        <source>Minor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="67"/>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="69"/>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="71"/>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="80"/>
        <source>Video wall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="82"/>
        <source>Dispatcher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="84"/>
        <source>Duty leader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="86"/>
        <source>Simulator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="88"/>
        <source>Sensor gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="90"/>
        <source>Source system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="118"/>
        <source>Sunday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="118"/>
        <source>Monday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="118"/>
        <source>Tuesday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="118"/>
        <source>Wednesday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="119"/>
        <source>Thursday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="119"/>
        <source>Friday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="119"/>
        <source>Saturday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="128"/>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="130"/>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="131"/>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="137"/>
        <source>No data yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="139"/>
        <source>Updated just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="140"/>
        <source>Updated %1 ago</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/CityBrain/Main.qml" line="14"/>
        <source>Digital Xianyang City Brain</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MapPanel</name>
    <message>
        <location filename="../qml/Panels/MapPanel.qml" line="13"/>
        <source>Xianyang city overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapPanel.qml" line="14"/>
        <source>%1 open incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapPanel.qml" line="57"/>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapPanel.qml" line="99"/>
        <source>No incidents on the map</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Panel</name>
    <message>
        <location filename="../qml/Panels/Panel.qml" line="17"/>
        <source>No data yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/Panel.qml" line="23"/>
        <source>Message broker disconnected, reconnecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/Panel.qml" line="24"/>
        <source>Connected, but no messages from the data sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/Panel.qml" line="26"/>
        <source>Data interrupted for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/Panel.qml" line="27"/>
        <source>No data received since start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/Panel.qml" line="148"/>
        <source>Connected, waiting for data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/Panel.qml" line="148"/>
        <source>Not connected to the message broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/Panel.qml" line="201"/>
        <source>%1. Values shown are out of date.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlaybackBar</name>
    <message>
        <location filename="../qml/Panels/PlaybackBar.qml" line="44"/>
        <source>◀◀ PLAYBACK  %1 %2  ×%3%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/PlaybackBar.qml" line="47"/>
        <source>  (paused)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/PlaybackBar.qml" line="91"/>
        <source>Note for this moment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/PlaybackBar.qml" line="102"/>
        <source>Annotate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/PlaybackBar.qml" line="119"/>
        <source>Last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/PlaybackBar.qml" line="123"/>
        <source>Last 24 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/PlaybackBar.qml" line="140"/>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/PlaybackBar.qml" line="140"/>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/PlaybackBar.qml" line="145"/>
        <source>Step 10 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/PlaybackBar.qml" line="150"/>
        <source>Back to live</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message>
        <location filename="../qml/Panels/StatusStrip.qml" line="17"/>
        <source>Messages %1 · rejected %2 · queue peak %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/StatusStrip.qml" line="35"/>
        <source>%1 · version %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrendPanel</name>
    <message>
        <location filename="../qml/Panels/TrendPanel.qml" line="27"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/TrendPanel.qml" line="65"/>
        <source>Live trend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Panels/TrendPanel.qml" line="68"/>
        <source>No trend data received yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
