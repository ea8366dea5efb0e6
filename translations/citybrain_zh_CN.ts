<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>HeaderBar</name>
    <message>
        <location filename="../qml/Panels/HeaderBar.qml" line="9"/>
        <source>Digital Xianyang City Brain</source>
        <translation>数字咸阳城市大脑</translation>
    </message>
    <message>
        <location filename="../qml/Panels/HeaderBar.qml" line="13"/>
        <source>Reconnecting to broker</source>
        <translation>正在重连消息服务器</translation>
    </message>
    <message>
        <location filename="../qml/Panels/HeaderBar.qml" line="14"/>
        <source>Connected, data interrupted</source>
        <translation>已连接，数据中断</translation>
    </message>
    <message>
        <location filename="../qml/Panels/HeaderBar.qml" line="14"/>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location filename="../qml/Panels/HeaderBar.qml" line="88"/>
        <source>Role</source>
        <translation>席位</translation>
    </message>
    <message>
        <location filename="../qml/Panels/HeaderBar.qml" line="110"/>
        <source>Data age</source>
        <translation>数据时效</translation>
    </message>
    <message>
        <location filename="../qml/Panels/HeaderBar.qml" line="118"/>
        <source>No data yet</source>
        <translation>暂无数据</translation>
    </message>
    <message>
        <location filename="../qml/Panels/HeaderBar.qml" line="172"/>
        <source>Embedded broker</source>
        <translation>内置消息服务</translation>
    </message>
    <message>
        <location filename="../qml/Panels/HeaderBar.qml" line="203"/>
        <source>%1 Beijing time</source>
        <translation>%1 北京时间</translation>
    </message>
</context>
<context>
    <name>HealthPanel</name>
    <message>
        <location filename="../qml/Panels/HealthPanel.qml" line="12"/>
        <source>System health</source>
        <translation>系统运行状态</translation>
    </message>
    <message>
        <location filename="../qml/Panels/HealthPanel.qml" line="13"/>
        <source>%1 / %2 online</source>
        <translation>在线 %1 / %2</translation>
    </message>
    <message>
        <location filename="../qml/Panels/HealthPanel.qml" line="59"/>
        <source>Broker</source>
        <translation>消息服务器</translation>
    </message>
    <message>
        <location filename="../qml/Panels/HealthPanel.qml" line="60"/>
        <source>reconnecting…</source>
        <translation>正在重连…</translation>
    </message>
    <message>
        <location filename="../qml/Panels/HealthPanel.qml" line="64"/>
        <source>Messages / rejected</source>
        <translation>消息 / 拒收</translation>
    </message>
    <message>
        <location filename="../qml/Panels/HealthPanel.qml" line="65"/>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location filename="../qml/Panels/HealthPanel.qml" line="70"/>
        <source>Latency p99 · queue peak</source>
        <translation>时延 p99 · 队列峰值</translation>
    </message>
    <message>
        <location filename="../qml/Panels/HealthPanel.qml" line="71"/>
        <source>%1 ms · %2</source>
        <translation>%1 毫秒 · %2</translation>
    </message>
    <message>
        <location filename="../qml/Panels/HealthPanel.qml" line="74"/>
        <source>Memory · database</source>
        <translation>内存 · 数据库</translation>
    </message>
    <message>
        <location filename="../qml/Panels/HealthPanel.qml" line="75"/>
        <source>%1 MB · %2</source>
        <translation>%1 MB · %2</translation>
    </message>
    <message>
        <location filename="../qml/Panels/HealthPanel.qml" line="76"/>
        <source>write error</source>
        <translation>写入故障</translation>
    </message>
    <message>
        <location filename="../qml/Panels/HealthPanel.qml" line="76"/>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../qml/Panels/HealthPanel.qml" line="135"/>
        <source>offline</source>
        <translation>离线</translation>
    </message>
</context>
<context>
    <name>IncidentPanel</name>
    <message>
        <location filename="../qml/Panels/IncidentPanel.qml" line="10"/>
        <source>Incidents</source>
        <translation>实时事件</translation>
    </message>
    <message>
        <location filename="../qml/Panels/IncidentPanel.qml" line="11"/>
        <source>%1 open</source>
        <translation>未结 %1 起</translation>
    </message>
    <message>
        <location filename="../qml/Panels/IncidentPanel.qml" line="14"/>
        <source>No incidents reported</source>
        <translation>暂无事件上报</translation>
    </message>
</context>
<context>
    <name>IncidentRow</name>
    <message>
        <location filename="../qml/Panels/IncidentRow.qml" line="81"/>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
</context>
<context>
    <name>KpiPanel</name>
    <message>
        <location filename="../qml/Panels/KpiPanel.qml" line="23"/>
        <source>Key indicators</source>
        <translation>城市运行指标</translation>
    </message>
    <message>
        <location filename="../qml/Panels/KpiPanel.qml" line="24"/>
        <source>%1 of %2</source>
        <translation>显示 %1 / 共 %2</translation>
    </message>
    <message>
        <location filename="../qml/Panels/KpiPanel.qml" line="26"/>
        <source>No indicators received yet</source>
        <translation>尚未收到指标数据</translation>
    </message>
</context>
<context>
    <name>KpiTile</name>
    <message>
        <location filename="../qml/Panels/KpiTile.qml" line="150"/>
        <source>Target %1 %2</source>
        <translation>目标 %1 %2</translation>
    </message>
    <message>
        <location filename="../qml/Panels/KpiTile.qml" line="165"/>
        <source>%1% · over limit</source>
        <translation>%1% · 超标</translation>
    </message>
    <message>
        <location filename="../qml/Panels/KpiTile.qml" line="166"/>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="15"/>
        <source>Traffic accident</source>
        <translation>交通事故</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="17"/>
        <source>Fire</source>
        <translation>火灾</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="19"/>
        <source>Urban waterlogging</source>
        <translation>城市内涝</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="21"/>
        <source>Pollution exceedance</source>
        <translation>污染超标</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="23"/>
        <source>Gas leak</source>
        <translation>燃气泄漏</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="25"/>
        <source>12345 city management</source>
        <translation>12345城市管理</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="28"/>
        <source>Traffic disruption</source>
        <translation>交通受阻</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="30"/>
        <source>Severe weather</source>
        <translation>气象灾害</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="32"/>
        <source>Geological hazard</source>
        <translation>地质灾害</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="34"/>
        <source>Public safety</source>
        <translation>公共安全</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="36"/>
        <source>Public health</source>
        <translation>公共卫生</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="38"/>
        <source>Rescue</source>
        <translation>救援</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="40"/>
        <source>Infrastructure failure</source>
        <translation>基础设施故障</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="42"/>
        <source>Hazardous materials</source>
        <translation>危化品</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="44"/>
        <location filename="../qml/Theme/Labels.qml" line="47"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="54"/>
        <source>Critical</source>
        <translation>特别重大</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="56"/>
        <source>Major</source>
        <translation>重大</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="58"/>
        <source>Moderate</source>
        <translation>较大</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="60"/>
        <source>Minor</source>
        <translation>一般</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="67"/>
        <source>New</source>
        <translation>新报</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="69"/>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="71"/>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="80"/>
        <source>Video wall</source>
        <translation>大屏</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="82"/>
        <source>Dispatcher</source>
        <translation>调度席</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="84"/>
        <source>Duty leader</source>
        <translation>值班领导</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="86"/>
        <source>Simulator</source>
        <translation>模拟数据源</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="88"/>
        <source>Sensor gateway</source>
        <translation>传感网关</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="90"/>
        <source>Source system</source>
        <translation>业务系统</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="118"/>
        <source>Sunday</source>
        <translation>星期日</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="118"/>
        <source>Monday</source>
        <translation>星期一</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="118"/>
        <source>Tuesday</source>
        <translation>星期二</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="118"/>
        <source>Wednesday</source>
        <translation>星期三</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="119"/>
        <source>Thursday</source>
        <translation>星期四</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="119"/>
        <source>Friday</source>
        <translation>星期五</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="119"/>
        <source>Saturday</source>
        <translation>星期六</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="128"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="130"/>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="131"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="137"/>
        <source>No data yet</source>
        <translation>暂无数据</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="139"/>
        <source>Updated just now</source>
        <translation>刚刚更新</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="140"/>
        <source>Updated %1 ago</source>
        <translation>%1前更新</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/CityBrain/Main.qml" line="14"/>
        <source>Digital Xianyang City Brain</source>
        <translation>数字咸阳城市大脑</translation>
    </message>
</context>
<context>
    <name>MapPanel</name>
    <message>
        <location filename="../qml/Panels/MapPanel.qml" line="13"/>
        <source>Xianyang city overview</source>
        <translation>咸阳市域态势</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapPanel.qml" line="14"/>
        <source>%1 open incidents</source>
        <translation>未结事件 %1 起</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapPanel.qml" line="57"/>
        <source>Severity</source>
        <translation>事件等级</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapPanel.qml" line="99"/>
        <source>No incidents on the map</source>
        <translation>地图上暂无事件</translation>
    </message>
</context>
<context>
    <name>Panel</name>
    <message>
        <location filename="../qml/Panels/Panel.qml" line="17"/>
        <source>No data yet</source>
        <translation>暂无数据</translation>
    </message>
    <message>
        <location filename="../qml/Panels/Panel.qml" line="23"/>
        <source>Message broker disconnected, reconnecting</source>
        <translation>消息服务器连接中断，正在重连</translation>
    </message>
    <message>
        <location filename="../qml/Panels/Panel.qml" line="24"/>
        <source>Connected, but no messages from the data sources</source>
        <translation>链路已连接，但数据源没有新消息</translation>
    </message>
    <message>
        <location filename="../qml/Panels/Panel.qml" line="26"/>
        <source>Data interrupted for %1</source>
        <translation>数据中断 %1</translation>
    </message>
    <message>
        <location filename="../qml/Panels/Panel.qml" line="27"/>
        <source>No data received since start</source>
        <translation>启动以来尚未收到数据</translation>
    </message>
    <message>
        <location filename="../qml/Panels/Panel.qml" line="148"/>
        <source>Connected, waiting for data</source>
        <translation>已连接，等待数据</translation>
    </message>
    <message>
        <location filename="../qml/Panels/Panel.qml" line="148"/>
        <source>Not connected to the message broker</source>
        <translation>未连接消息服务器</translation>
    </message>
    <message>
        <location filename="../qml/Panels/Panel.qml" line="201"/>
        <source>%1. Values shown are out of date.</source>
        <translation>%1，当前显示的数据已过时。</translation>
    </message>
</context>
<context>
    <name>PlaybackBar</name>
    <message>
        <location filename="../qml/Panels/PlaybackBar.qml" line="44"/>
        <source>◀◀ PLAYBACK  %1 %2  ×%3%4</source>
        <translation>◀◀ 回放 PLAYBACK  %1 %2  ×%3%4</translation>
    </message>
    <message>
        <location filename="../qml/Panels/PlaybackBar.qml" line="47"/>
        <source>  (paused)</source>
        <translation>（已暂停）</translation>
    </message>
    <message>
        <location filename="../qml/Panels/PlaybackBar.qml" line="91"/>
        <source>Note for this moment…</source>
        <translation>为此刻添加标注…</translation>
    </message>
    <message>
        <location filename="../qml/Panels/PlaybackBar.qml" line="102"/>
        <source>Annotate</source>
        <translation>标注</translation>
    </message>
    <message>
        <location filename="../qml/Panels/PlaybackBar.qml" line="119"/>
        <source>Last hour</source>
        <translation>回看1小时</translation>
    </message>
    <message>
        <location filename="../qml/Panels/PlaybackBar.qml" line="123"/>
        <source>Last 24 h</source>
        <translation>回看24小时</translation>
    </message>
    <message>
        <location filename="../qml/Panels/PlaybackBar.qml" line="140"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../qml/Panels/PlaybackBar.qml" line="140"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../qml/Panels/PlaybackBar.qml" line="145"/>
        <source>Step 10 s</source>
        <translation>步进10秒</translation>
    </message>
    <message>
        <location filename="../qml/Panels/PlaybackBar.qml" line="150"/>
        <source>Back to live</source>
        <translation>返回实时</translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message>
        <location filename="../qml/Panels/StatusStrip.qml" line="17"/>
        <source>Messages %1 · rejected %2 · queue peak %3</source>
        <translation>消息 %1 · 拒收 %2 · 队列峰值 %3</translation>
    </message>
    <message>
        <location filename="../qml/Panels/StatusStrip.qml" line="35"/>
        <source>%1 · version %2</source>
        <translation>%1 · 版本 %2</translation>
    </message>
</context>
<context>
    <name>TrendPanel</name>
    <message>
        <location filename="../qml/Panels/TrendPanel.qml" line="27"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../qml/Panels/TrendPanel.qml" line="65"/>
        <source>Live trend</source>
        <translation>实时趋势</translation>
    </message>
    <message>
        <location filename="../qml/Panels/TrendPanel.qml" line="68"/>
        <source>No trend data received yet</source>
        <translation>尚未收到趋势数据</translation>
    </message>
</context>
</TS>
