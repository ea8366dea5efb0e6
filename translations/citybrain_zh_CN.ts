<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ActionBar</name>
    <message>
        <location filename="../qml/Panels/ActionBar.qml" line="95"/>
        <source>No action is open to this console for this incident</source>
        <translation>本席位当前不能对此事件执行任何操作</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ActionBar.qml" line="96"/>
        <source>Select an incident to act on it</source>
        <translation>请先选择一个事件</translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../qml/Panels/ActionDialog.qml" line="105"/>
        <source>Pick one first (number keys)</source>
        <translation>请先选择一项（数字键）</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ActionDialog.qml" line="110"/>
        <source>A reason is required</source>
        <translation>必须填写原因</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ActionDialog.qml" line="110"/>
        <source>Please fill in the field</source>
        <translation>请填写此项</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ActionDialog.qml" line="151"/>
        <source>The action was refused</source>
        <translation>操作被拒绝</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ActionDialog.qml" line="162"/>
        <source>Dispatch a unit</source>
        <translation>派遣处置力量</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ActionDialog.qml" line="164"/>
        <source>Which unit arrived on scene?</source>
        <translation>哪支力量已到达现场？</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ActionDialog.qml" line="166"/>
        <source>Change the priority</source>
        <translation>调整优先级</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ActionDialog.qml" line="168"/>
        <source>Correct the kind</source>
        <translation>更正事件类型</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ActionDialog.qml" line="170"/>
        <source>Merge into another incident?</source>
        <translation>合并到另一事件？</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ActionDialog.qml" line="172"/>
        <source>Add a note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ActionDialog.qml" line="174"/>
        <source>Attach a reference</source>
        <translation>添加附件链接</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ActionDialog.qml" line="176"/>
        <source>Resolve the incident</source>
        <translation>处置完毕</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ActionDialog.qml" line="178"/>
        <source>Escalate to the duty leader</source>
        <translation>升级至值班领导</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ActionDialog.qml" line="180"/>
        <source>Close the incident</source>
        <translation>关闭事件</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ActionDialog.qml" line="182"/>
        <source>Cancel the incident</source>
        <translation>取消事件</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ActionDialog.qml" line="191"/>
        <source>Call sign, e.g. 渭城消防一中队</source>
        <translation>呼号，如 渭城消防一中队</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ActionDialog.qml" line="193"/>
        <source>Reason (required)</source>
        <translation>原因（必填）</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ActionDialog.qml" line="195"/>
        <source>Incident that stays (ID)</source>
        <translation>保留的事件（编号）</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ActionDialog.qml" line="197"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ActionDialog.qml" line="199"/>
        <source>Reference: URI of a photo, report or recording</source>
        <translation>链接：照片、报告或录音的 URI</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ActionDialog.qml" line="201"/>
        <source>Note (optional)</source>
        <translation>备注（选填）</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ActionDialog.qml" line="334"/>
        <source>No unit has been dispatched</source>
        <translation>尚未派遣任何力量</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ActionDialog.qml" line="375"/>
        <source> (derived)</source>
        <translation>（系统判定）</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ActionDialog.qml" line="429"/>
        <source>Number keys pick · Enter sends · Esc closes</source>
        <translation>数字键选择 · Enter 发送 · Esc 关闭</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ActionDialog.qml" line="430"/>
        <source>Enter sends · Esc closes</source>
        <translation>Enter 发送 · Esc 关闭</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ActionDialog.qml" line="443"/>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ActionDialog.qml" line="448"/>
        <source>Merge (Enter)</source>
        <translation>合并 (Enter)</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ActionDialog.qml" line="448"/>
        <source>Send (Enter)</source>
        <translation>发送 (Enter)</translation>
    </message>
</context>
<context>
    <name>AlarmBanner</name>
    <message>
        <location filename="../qml/Panels/AlarmBanner.qml" line="66"/>
        <source>Alarm: not acknowledged in time</source>
        <translation>警报：超时未确认</translation>
    </message>
    <message>
        <location filename="../qml/Panels/AlarmBanner.qml" line="67"/>
        <source>Alarm: not acknowledged</source>
        <translation>警报：事件未确认</translation>
    </message>
    <message>
        <location filename="../qml/Panels/AlarmBanner.qml" line="68"/>
        <source> (%1 alarms)</source>
        <translation>（共 %1 起）</translation>
    </message>
    <message>
        <location filename="../qml/Panels/AlarmBanner.qml" line="84"/>
        <source>Press A to acknowledge</source>
        <translation>按 A 确认</translation>
    </message>
    <message>
        <location filename="../qml/Panels/AlarmBanner.qml" line="101"/>
        <source>No sound: %1</source>
        <translation>无声音：%1</translation>
    </message>
</context>
<context>
    <name>AlarmPanel</name>
    <message>
        <location filename="../qml/Panels/AlarmPanel.qml" line="29"/>
        <source>Monitoring alarms</source>
        <translation>监测告警</translation>
    </message>
    <message>
        <location filename="../qml/Panels/AlarmPanel.qml" line="30"/>
        <source>%1 active · %2 unacknowledged</source>
        <translation>活动 %1 条 · 未确认 %2 条</translation>
    </message>
    <message>
        <location filename="../qml/Panels/AlarmPanel.qml" line="34"/>
        <source>No alarms</source>
        <translation>暂无告警</translation>
    </message>
    <message>
        <location filename="../qml/Panels/AlarmPanel.qml" line="35"/>
        <source>No sensor has crossed a monitoring line or left its usual range</source>
        <translation>没有传感器超过监测线或偏离常态</translation>
    </message>
    <message>
        <location filename="../qml/Panels/AlarmPanel.qml" line="83"/>
        <source>▲ End of the list</source>
        <translation>▲ 已到列表末尾</translation>
    </message>
    <message>
        <location filename="../qml/Panels/AlarmPanel.qml" line="84"/>
        <source>▼ %1 more, %2 of them active</source>
        <translation>▼ 另有 %1 条，其中活动 %2 条</translation>
    </message>
    <message>
        <location filename="../qml/Panels/AlarmPanel.qml" line="85"/>
        <source>▼ %1 more, cleared</source>
        <translation>▼ 另有 %1 条已解除</translation>
    </message>
</context>
<context>
    <name>AlarmRow</name>
    <message>
        <location filename="../qml/Panels/AlarmRow.qml" line="24"/>
        <source>■ Cleared %1</source>
        <translation>■ %1 已解除</translation>
    </message>
    <message>
        <location filename="../qml/Panels/AlarmRow.qml" line="25"/>
        <source>✓ Acknowledged</source>
        <translation>✓ 已确认</translation>
    </message>
    <message>
        <location filename="../qml/Panels/AlarmRow.qml" line="25"/>
        <source>● Unacknowledged</source>
        <translation>● 未确认</translation>
    </message>
    <message>
        <location filename="../qml/Panels/AlarmRow.qml" line="25"/>
        <source>ⓘ For information</source>
        <translation>ⓘ 仅提示</translation>
    </message>
    <message>
        <location filename="../qml/Panels/AlarmRow.qml" line="81"/>
        <source>Anomaly</source>
        <translation>异常</translation>
    </message>
    <message>
        <location filename="../qml/Panels/AlarmRow.qml" line="96"/>
        <source>%1 · for %2</source>
        <translation>%1 · 已持续 %2</translation>
    </message>
</context>
<context>
    <name>AlarmTickerPanel</name>
    <message>
        <location filename="../qml/Panels/AlarmTickerPanel.qml" line="21"/>
        <source>Alarm ticker</source>
        <translation>告警滚动</translation>
    </message>
    <message>
        <location filename="../qml/Panels/AlarmTickerPanel.qml" line="22"/>
        <source>%1 new P1/P2 · %2 alarms</source>
        <translation>%1 起新P1/P2 · %2 条告警</translation>
    </message>
    <message>
        <location filename="../qml/Panels/AlarmTickerPanel.qml" line="25"/>
        <source>No active alarms</source>
        <translation>暂无活动告警</translation>
    </message>
    <message>
        <location filename="../qml/Panels/AlarmTickerPanel.qml" line="26"/>
        <source>No active monitoring alarm and no unacknowledged P1 or P2 incident</source>
        <translation>无活动监测告警，也无未确认的P1、P2事件</translation>
    </message>
    <message>
        <location filename="../qml/Panels/AlarmTickerPanel.qml" line="87"/>
        <source>Anomaly</source>
        <translation>异常</translation>
    </message>
</context>
<context>
    <name>CameraWallPanel</name>
    <message>
        <location filename="../qml/Panels/CameraWallPanel.qml" line="23"/>
        <source>Video surveillance</source>
        <translation>视频监控</translation>
    </message>
    <message>
        <location filename="../qml/Panels/CameraWallPanel.qml" line="24"/>
        <source>%1 of %2 cameras</source>
        <translation>显示 %1 / 共 %2 路</translation>
    </message>
    <message>
        <location filename="../qml/Panels/CameraWallPanel.qml" line="25"/>
        <source>%1 cameras</source>
        <translation>%1 路视频</translation>
    </message>
    <message>
        <location filename="../qml/Panels/CameraWallPanel.qml" line="28"/>
        <source>No cameras configured</source>
        <translation>未配置摄像头</translation>
    </message>
    <message>
        <location filename="../qml/Panels/CameraWallPanel.qml" line="29"/>
        <source>This layout lists no camera for this panel</source>
        <translation>本布局未给此面板配置摄像头</translation>
    </message>
    <message>
        <location filename="../qml/Panels/CameraWallPanel.qml" line="143"/>
        <source>Video not supported yet</source>
        <translation>视频接入待支持</translation>
    </message>
</context>
<context>
    <name>ChecklistPanel</name>
    <message>
        <location filename="../qml/Panels/ChecklistPanel.qml" line="17"/>
        <source>Response checklist</source>
        <translation>处置清单</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ChecklistPanel.qml" line="20"/>
        <source>No incident in focus</source>
        <translation>当前无聚焦事件</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ChecklistPanel.qml" line="20"/>
        <source>No checklist configured</source>
        <translation>未配置处置清单</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ChecklistPanel.qml" line="21"/>
        <source>A duty leader puts an incident in focus from a console</source>
        <translation>值班领导可在席位上推送事件至大屏聚焦</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ChecklistPanel.qml" line="22"/>
        <source>Check the response checklist file</source>
        <translation>请检查处置清单文件</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ChecklistPanel.qml" line="56"/>
        <source>%1 (general: no checklist for this kind)</source>
        <translation>%1（通用：此类事件无专用清单）</translation>
    </message>
</context>
<context>
    <name>ClockPanel</name>
    <message>
        <location filename="../qml/Panels/ClockPanel.qml" line="12"/>
        <source>%1 · Beijing time</source>
        <translation>%1 · 北京时间</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ClockPanel.qml" line="13"/>
        <location filename="../qml/Panels/ClockPanel.qml" line="15"/>
        <source>Beijing time</source>
        <translation>北京时间</translation>
    </message>
</context>
<context>
    <name>ConsoleView</name>
    <message>
        <location filename="../qml/Panels/ConsoleView.qml" line="80"/>
        <source>&apos;%1&apos; was not sent</source>
        <translation>“%1”未发送</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ConsoleView.qml" line="108"/>
        <source>Shown on the video wall</source>
        <translation>已推送到大屏</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ConsoleView.qml" line="226"/>
        <source>⚠ Not connected to the message broker: the queue may be out of date and actions cannot be sent</source>
        <translation>⚠ 未连接消息服务器：队列可能不是最新，操作无法发送</translation>
    </message>
</context>
<context>
    <name>DetailPanel</name>
    <message>
        <location filename="../qml/Panels/DetailPanel.qml" line="30"/>
        <source>Incident detail</source>
        <translation>事件详情</translation>
    </message>
    <message>
        <location filename="../qml/Panels/DetailPanel.qml" line="34"/>
        <source>Select an incident in the queue (J/K or ↑/↓)</source>
        <translation>请在队列中选择事件（J/K 或 ↑/↓）</translation>
    </message>
    <message>
        <location filename="../qml/Panels/DetailPanel.qml" line="76"/>
        <source>⇧ Escalated</source>
        <translation>⇧ 已升级</translation>
    </message>
    <message>
        <location filename="../qml/Panels/DetailPanel.qml" line="100"/>
        <source>%1 · %2 · reported %3 (%4 ago) · source %5</source>
        <translation>%1 · %2 · %3 上报（%4前）· 来源 %5</translation>
    </message>
    <message>
        <location filename="../qml/Panels/DetailPanel.qml" line="116"/>
        <source>Priority set by hand (derived %1): %2</source>
        <translation>优先级经人工调整（系统判定 %1）：%2</translation>
    </message>
    <message>
        <location filename="../qml/Panels/DetailPanel.qml" line="135"/>
        <source>Acknowledged by %1 at %2</source>
        <translation>%1 于 %2 确认</translation>
    </message>
    <message>
        <location filename="../qml/Panels/DetailPanel.qml" line="138"/>
        <source>Merged into %1</source>
        <translation>已合并到 %1</translation>
    </message>
    <message>
        <location filename="../qml/Panels/DetailPanel.qml" line="140"/>
        <source>The source has closed it</source>
        <translation>来源系统已关闭此事件</translation>
    </message>
    <message>
        <location filename="../qml/Panels/DetailPanel.qml" line="153"/>
        <source>⇢ Possible duplicate of %1 (%2): press M to merge it into that one</source>
        <translation>⇢ 疑似与“%1”（%2）重复：按 M 合并到该事件</translation>
    </message>
    <message>
        <location filename="../qml/Panels/DetailPanel.qml" line="201"/>
        <source>⚠ %1 targets missed</source>
        <translation>⚠ 已超时 %1 次</translation>
    </message>
    <message>
        <location filename="../qml/Panels/DetailPanel.qml" line="232"/>
        <source>Related alarms (%1)</source>
        <translation>关联告警 (%1)</translation>
    </message>
    <message>
        <location filename="../qml/Panels/DetailPanel.qml" line="239"/>
        <source>│ trigger   ┄ threshold</source>
        <translation>│ 触发时刻   ┄ 阈值</translation>
    </message>
    <message>
        <location filename="../qml/Panels/DetailPanel.qml" line="305"/>
        <source>Anomaly</source>
        <translation>异常</translation>
    </message>
    <message>
        <location filename="../qml/Panels/DetailPanel.qml" line="307"/>
        <source>cleared %1</source>
        <translation>%1 已解除</translation>
    </message>
    <message>
        <location filename="../qml/Panels/DetailPanel.qml" line="337"/>
        <source>No readings stored</source>
        <translation>暂无读数记录</translation>
    </message>
    <message>
        <location filename="../qml/Panels/DetailPanel.qml" line="347"/>
        <source>Timeline (%1 actions)</source>
        <translation>处置记录（%1 条）</translation>
    </message>
    <message>
        <location filename="../qml/Panels/DetailPanel.qml" line="395"/>
        <source>No action yet</source>
        <translation>尚无处置记录</translation>
    </message>
</context>
<context>
    <name>DistrictRankingPanel</name>
    <message>
        <location filename="../qml/Panels/DistrictRankingPanel.qml" line="27"/>
        <source>AQI</source>
        <translation>空气质量指数</translation>
    </message>
    <message>
        <location filename="../qml/Panels/DistrictRankingPanel.qml" line="31"/>
        <source>Congestion index</source>
        <translation>拥堵指数</translation>
    </message>
    <message>
        <location filename="../qml/Panels/DistrictRankingPanel.qml" line="33"/>
        <source>Noise level</source>
        <translation>噪声</translation>
    </message>
    <message>
        <location filename="../qml/Panels/DistrictRankingPanel.qml" line="35"/>
        <source>Open incidents</source>
        <translation>未结事件</translation>
    </message>
    <message>
        <location filename="../qml/Panels/DistrictRankingPanel.qml" line="37"/>
        <source>Active alarms</source>
        <translation>活动告警</translation>
    </message>
    <message>
        <location filename="../qml/Panels/DistrictRankingPanel.qml" line="53"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../qml/Panels/DistrictRankingPanel.qml" line="56"/>
        <source>District ranking</source>
        <translation>区县排名</translation>
    </message>
    <message>
        <location filename="../qml/Panels/DistrictRankingPanel.qml" line="60"/>
        <source>Unknown metric %1</source>
        <translation>未知指标 %1</translation>
    </message>
    <message>
        <location filename="../qml/Panels/DistrictRankingPanel.qml" line="61"/>
        <source>No open incidents in any district</source>
        <translation>各区县均无未结事件</translation>
    </message>
    <message>
        <location filename="../qml/Panels/DistrictRankingPanel.qml" line="62"/>
        <source>No active alarms in any district</source>
        <translation>各区县均无活动告警</translation>
    </message>
    <message>
        <location filename="../qml/Panels/DistrictRankingPanel.qml" line="63"/>
        <source>No %1 readings from any district yet</source>
        <translation>尚未收到任何区县的%1读数</translation>
    </message>
    <message>
        <location filename="../qml/Panels/DistrictRankingPanel.qml" line="64"/>
        <source>Every district is quiet</source>
        <translation>各区县运行平稳</translation>
    </message>
</context>
<context>
    <name>FocusCard</name>
    <message>
        <location filename="../qml/Panels/FocusCard.qml" line="15"/>
        <source>Incident in focus</source>
        <translation>聚焦事件</translation>
    </message>
    <message>
        <location filename="../qml/Panels/FocusCard.qml" line="16"/>
        <source>set by %1</source>
        <translation>由 %1 推送</translation>
    </message>
    <message>
        <location filename="../qml/Panels/FocusCard.qml" line="21"/>
        <source>No incident in focus</source>
        <translation>当前无聚焦事件</translation>
    </message>
    <message>
        <location filename="../qml/Panels/FocusCard.qml" line="22"/>
        <source>Waiting for incident %1</source>
        <translation>等待事件 %1</translation>
    </message>
    <message>
        <location filename="../qml/Panels/FocusCard.qml" line="23"/>
        <source>A duty leader puts an incident in focus from a console</source>
        <translation>值班领导可在席位上推送事件至大屏聚焦</translation>
    </message>
    <message>
        <location filename="../qml/Panels/FocusCard.qml" line="24"/>
        <source>Its first report has not reached this wall yet</source>
        <translation>该事件的首报尚未到达大屏</translation>
    </message>
    <message>
        <location filename="../qml/Panels/FocusCard.qml" line="38"/>
        <source>◎ In focus</source>
        <translation>◎ 重点关注</translation>
    </message>
    <message>
        <location filename="../qml/Panels/FocusCard.qml" line="80"/>
        <source>%1 · %2 · reported %3 ago · %4 units working</source>
        <translation>%1 · %2 · %3前上报 · %4 支力量处置中</translation>
    </message>
    <message>
        <location filename="../qml/Panels/FocusCard.qml" line="96"/>
        <source>%1 overdue by %2</source>
        <translation>%1已超时 %2</translation>
    </message>
    <message>
        <location filename="../qml/Panels/FocusCard.qml" line="98"/>
        <source>%1 due in %2</source>
        <translation>%1剩余 %2</translation>
    </message>
</context>
<context>
    <name>FocusNearbyPanel</name>
    <message>
        <location filename="../qml/Panels/FocusNearbyPanel.qml" line="29"/>
        <source>Near the incident</source>
        <translation>事发周边</translation>
    </message>
    <message>
        <location filename="../qml/Panels/FocusNearbyPanel.qml" line="30"/>
        <source>within %1</source>
        <translation>%1 范围内</translation>
    </message>
    <message>
        <location filename="../qml/Panels/FocusNearbyPanel.qml" line="33"/>
        <source>No incident in focus</source>
        <translation>当前无聚焦事件</translation>
    </message>
    <message>
        <location filename="../qml/Panels/FocusNearbyPanel.qml" line="34"/>
        <source>The incident has no location</source>
        <translation>该事件无位置信息</translation>
    </message>
    <message>
        <location filename="../qml/Panels/FocusNearbyPanel.qml" line="35"/>
        <source>No cameras or sensors within %1</source>
        <translation>%1 范围内无摄像头和传感器</translation>
    </message>
    <message>
        <location filename="../qml/Panels/FocusNearbyPanel.qml" line="36"/>
        <source>A duty leader puts an incident in focus from a console</source>
        <translation>值班领导可在席位上推送事件至大屏聚焦</translation>
    </message>
    <message>
        <location filename="../qml/Panels/FocusNearbyPanel.qml" line="66"/>
        <source>Cameras · %1 nearest of %2</source>
        <translation>摄像头 · 最近 %1 路 / 共 %2 路</translation>
    </message>
    <message>
        <location filename="../qml/Panels/FocusNearbyPanel.qml" line="67"/>
        <source>Cameras · %1</source>
        <translation>摄像头 · %1 路</translation>
    </message>
    <message>
        <location filename="../qml/Panels/FocusNearbyPanel.qml" line="68"/>
        <source>No cameras within %1</source>
        <translation>%1 范围内无摄像头</translation>
    </message>
    <message>
        <location filename="../qml/Panels/FocusNearbyPanel.qml" line="146"/>
        <source>No sensors within %1</source>
        <translation>%1 范围内无传感器</translation>
    </message>
    <message>
        <location filename="../qml/Panels/FocusNearbyPanel.qml" line="147"/>
        <source>Sensors · %1 · %2 in warning or alarm</source>
        <translation>传感器 · %1 个 · %2 个预警或告警</translation>
    </message>
    <message>
        <location filename="../qml/Panels/FocusNearbyPanel.qml" line="148"/>
        <source>Sensors · %1</source>
        <translation>传感器 · %1 个</translation>
    </message>
</context>
<context>
    <name>HeaderBar</name>
    <message>
        <location filename="../qml/Panels/HeaderBar.qml" line="9"/>
        <source>Digital Xianyang City Brain</source>
        <translation>数字咸阳城市大脑</translation>
    </message>
    <message>
        <location filename="../qml/Panels/HeaderBar.qml" line="15"/>
        <source>Reconnecting to broker</source>
        <translation>正在重连消息服务器</translation>
    </message>
    <message>
        <location filename="../qml/Panels/HeaderBar.qml" line="16"/>
        <source>Connected, data interrupted</source>
        <translation>已连接，数据中断</translation>
    </message>
    <message>
        <location filename="../qml/Panels/HeaderBar.qml" line="16"/>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location filename="../qml/Panels/HeaderBar.qml" line="107"/>
        <source>◎ Incident focus: the playlist waits</source>
        <translation>◎ 事件聚焦：轮播暂停</translation>
    </message>
    <message>
        <location filename="../qml/Panels/HeaderBar.qml" line="108"/>
        <source>■ Page %1 of %2, pinned</source>
        <translation>■ 第 %1 / %2 页，已固定</translation>
    </message>
    <message>
        <location filename="../qml/Panels/HeaderBar.qml" line="110"/>
        <source>▶ Page %1 of %2, next in %3</source>
        <translation>▶ 第 %1 / %2 页，%3后切换</translation>
    </message>
    <message>
        <location filename="../qml/Panels/HeaderBar.qml" line="112"/>
        <source>One page</source>
        <translation>单页</translation>
    </message>
    <message>
        <location filename="../qml/Panels/HeaderBar.qml" line="136"/>
        <source>Role</source>
        <translation>席位</translation>
    </message>
    <message>
        <location filename="../qml/Panels/HeaderBar.qml" line="158"/>
        <source>Data age</source>
        <translation>数据时效</translation>
    </message>
    <message>
        <location filename="../qml/Panels/HeaderBar.qml" line="166"/>
        <source>No data yet</source>
        <translation>暂无数据</translation>
    </message>
    <message>
        <location filename="../qml/Panels/HeaderBar.qml" line="220"/>
        <source>Embedded broker</source>
        <translation>内置消息服务</translation>
    </message>
    <message>
        <location filename="../qml/Panels/HeaderBar.qml" line="251"/>
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
        <location filename="../qml/Panels/HealthPanel.qml" line="72"/>
        <source>%1 ms · %2</source>
        <translation>%1 毫秒 · %2</translation>
    </message>
    <message>
        <location filename="../qml/Panels/HealthPanel.qml" line="76"/>
        <source>Memory · database</source>
        <translation>内存 · 数据库</translation>
    </message>
    <message>
        <location filename="../qml/Panels/HealthPanel.qml" line="77"/>
        <source>%1 MB · %2</source>
        <translation>%1 MB · %2</translation>
    </message>
    <message>
        <location filename="../qml/Panels/HealthPanel.qml" line="78"/>
        <source>write error</source>
        <translation>写入故障</translation>
    </message>
    <message>
        <location filename="../qml/Panels/HealthPanel.qml" line="78"/>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../qml/Panels/HealthPanel.qml" line="137"/>
        <source>offline</source>
        <translation>离线</translation>
    </message>
</context>
<context>
    <name>IncidentPanel</name>
    <message>
        <location filename="../qml/Panels/IncidentPanel.qml" line="11"/>
        <source>Incidents</source>
        <translation>实时事件</translation>
    </message>
    <message>
        <location filename="../qml/Panels/IncidentPanel.qml" line="12"/>
        <source>%1 open</source>
        <translation>未结 %1 起</translation>
    </message>
    <message>
        <location filename="../qml/Panels/IncidentPanel.qml" line="15"/>
        <source>No incidents reported</source>
        <translation>暂无事件上报</translation>
    </message>
</context>
<context>
    <name>IncidentRow</name>
    <message>
        <location filename="../qml/Panels/IncidentRow.qml" line="92"/>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
</context>
<context>
    <name>IncidentSummaryPanel</name>
    <message>
        <location filename="../qml/Panels/IncidentSummaryPanel.qml" line="22"/>
        <source>Incidents by state and priority</source>
        <translation>事件状态与等级</translation>
    </message>
    <message>
        <location filename="../qml/Panels/IncidentSummaryPanel.qml" line="23"/>
        <source>%1 open</source>
        <translation>未结 %1 起</translation>
    </message>
    <message>
        <location filename="../qml/Panels/IncidentSummaryPanel.qml" line="27"/>
        <source>No open incidents</source>
        <translation>暂无未结事件</translation>
    </message>
    <message>
        <location filename="../qml/Panels/IncidentSummaryPanel.qml" line="28"/>
        <source>Every reported incident is resolved or closed</source>
        <translation>所有上报事件均已处置或办结</translation>
    </message>
    <message>
        <location filename="../qml/Panels/IncidentSummaryPanel.qml" line="126"/>
        <location filename="../qml/Panels/IncidentSummaryPanel.qml" line="192"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../qml/Panels/IncidentSummaryPanel.qml" line="210"/>
        <source>⚠ %1 overdue now · %2 SLA milestones missed</source>
        <translation>⚠ 当前超时 %1 起 · 错过时限 %2 次</translation>
    </message>
    <message>
        <location filename="../qml/Panels/IncidentSummaryPanel.qml" line="211"/>
        <source>✓ No SLA deadline missed</source>
        <translation>✓ 无超时</translation>
    </message>
</context>
<context>
    <name>KpiPanel</name>
    <message>
        <location filename="../qml/Panels/KpiPanel.qml" line="44"/>
        <source>City indicators</source>
        <translation>城市指标</translation>
    </message>
    <message>
        <location filename="../qml/Panels/KpiPanel.qml" line="45"/>
        <source>%1 of %2</source>
        <translation>显示 %1 / 共 %2</translation>
    </message>
    <message>
        <location filename="../qml/Panels/KpiPanel.qml" line="47"/>
        <source>No indicators received yet</source>
        <translation>尚未收到指标数据</translation>
    </message>
    <message>
        <location filename="../qml/Panels/KpiPanel.qml" line="48"/>
        <source>Waiting for %1 listed indicators</source>
        <translation>等待 %1 项指定指标</translation>
    </message>
    <message>
        <location filename="../qml/Panels/KpiPanel.qml" line="87"/>
        <source>… No data received yet</source>
        <translation>… 尚未收到数据</translation>
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
        <location filename="../qml/Theme/Labels.qml" line="101"/>
        <source>Unacknowledged</source>
        <translation>待确认</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="103"/>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="105"/>
        <source>Dispatched</source>
        <translation>已派遣</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="107"/>
        <location filename="../qml/Theme/Labels.qml" line="179"/>
        <source>On scene</source>
        <translation>已到场</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="109"/>
        <source>Resolved</source>
        <translation>已处置</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="111"/>
        <source>Closed</source>
        <comment>incident state</comment>
        <translation>已关闭</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="113"/>
        <source>Escalated</source>
        <translation>已升级</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="115"/>
        <source>Merged</source>
        <translation>已合并</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="117"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="127"/>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="129"/>
        <source>Reclassify</source>
        <translation>改类型</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="131"/>
        <source>Reprioritise</source>
        <translation>调整优先级</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="133"/>
        <source>Dispatch</source>
        <translation>派遣</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="135"/>
        <source>Arrive on scene</source>
        <translation>到场</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="137"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="139"/>
        <source>Attach</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="141"/>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="143"/>
        <source>Resolve</source>
        <translation>处置完毕</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="145"/>
        <source>Escalate</source>
        <translation>升级</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="147"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="149"/>
        <source>Cancel incident</source>
        <translation>取消事件</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="151"/>
        <source>Show on wall</source>
        <translation>推送大屏</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="160"/>
        <source>Police</source>
        <translation>公安</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="162"/>
        <source>Fire brigade</source>
        <translation>消防</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="164"/>
        <source>Emergency medical</source>
        <translation>医疗急救</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="166"/>
        <source>City management</source>
        <translation>城管</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="168"/>
        <source>Utilities (water, power, gas)</source>
        <translation>公用事业（水电气）</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="177"/>
        <source>En route</source>
        <translation>途中</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="181"/>
        <source>Released</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="191"/>
        <source>Acknowledge</source>
        <comment>SLA phase</comment>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="193"/>
        <source>Dispatch</source>
        <comment>SLA phase</comment>
        <translation>派遣</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="195"/>
        <source>On scene</source>
        <comment>SLA phase</comment>
        <translation>到场</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="209"/>
        <source>Identifier</source>
        <translation>标识</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="211"/>
        <source>Sender</source>
        <translation>发布者</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="213"/>
        <source>Sent</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="215"/>
        <source>Message type</source>
        <translation>消息类型</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="217"/>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="219"/>
        <source>Headline</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="221"/>
        <source>Severity</source>
        <translation>事件等级</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="223"/>
        <source>Urgency</source>
        <translation>紧迫程度</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="225"/>
        <source>Certainty</source>
        <translation>确定程度</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="227"/>
        <source>Area</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="249"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="256"/>
        <source>Video wall</source>
        <translation>大屏</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="258"/>
        <source>Dispatcher</source>
        <translation>调度席</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="260"/>
        <source>Duty leader</source>
        <translation>值班领导</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="262"/>
        <source>Simulator</source>
        <translation>模拟数据源</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="264"/>
        <source>Sensor gateway</source>
        <translation>传感网关</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="266"/>
        <source>Source system</source>
        <translation>业务系统</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="294"/>
        <source>Sunday</source>
        <translation>星期日</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="294"/>
        <source>Monday</source>
        <translation>星期一</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="294"/>
        <source>Tuesday</source>
        <translation>星期二</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="294"/>
        <source>Wednesday</source>
        <translation>星期三</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="295"/>
        <source>Thursday</source>
        <translation>星期四</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="295"/>
        <source>Friday</source>
        <translation>星期五</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="295"/>
        <source>Saturday</source>
        <translation>星期六</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="247"/>
        <location filename="../qml/Theme/Labels.qml" line="304"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="306"/>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="250"/>
        <location filename="../qml/Theme/Labels.qml" line="307"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="313"/>
        <source>No data yet</source>
        <translation>暂无数据</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="315"/>
        <source>Updated just now</source>
        <translation>刚刚更新</translation>
    </message>
    <message>
        <location filename="../qml/Theme/Labels.qml" line="316"/>
        <source>Updated %1 ago</source>
        <translation>%1前更新</translation>
    </message>
</context>
<context>
    <name>LayoutErrorBanner</name>
    <message numerus="yes">
        <location filename="../qml/Panels/LayoutErrorBanner.qml" line="31"/>
        <source>▲ Layout %1 not reloaded (%n problem(s)); the layout in force stays</source>
        <translation>
            <numerusform>▲ 布局 %1 未重新加载（%n 处问题），继续使用当前布局</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/CityBrain/Main.qml" line="35"/>
        <source>Digital Xianyang City Brain</source>
        <translation>数字咸阳城市大脑</translation>
    </message>
    <message>
        <location filename="../qml/CityBrain/Main.qml" line="190"/>
        <source>Your &apos;%1&apos; did not take effect: %2 (%3) had already &apos;%4&apos;; the incident is now %5</source>
        <translation>您的“%1”未生效：%2（%3）已“%4”，事件现为 %5</translation>
    </message>
</context>
<context>
    <name>MapCoordinates</name>
    <message>
        <location filename="../qml/Panels/MapCoordinates.qml" line="19"/>
        <source>Zoom %1</source>
        <translation>缩放 %1</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapCoordinates.qml" line="47"/>
        <source>drawn in GCJ-02, coordinates WGS-84</source>
        <translation>按 GCJ-02 绘制，坐标为 WGS-84</translation>
    </message>
</context>
<context>
    <name>MapFeatureCard</name>
    <message>
        <location filename="../qml/Panels/MapFeatureCard.qml" line="91"/>
        <source>Sensor</source>
        <translation>传感器</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapFeatureCard.qml" line="92"/>
        <source>No readings received yet</source>
        <translation>尚未收到读数</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapFeatureCard.qml" line="102"/>
        <source>Last reading %1 ago</source>
        <translation>最近读数：%1前</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapFeatureCard.qml" line="128"/>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapFeatureCard.qml" line="132"/>
        <source>Stream: %1</source>
        <translation>视频流：%1</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapFeatureCard.qml" line="134"/>
        <source>Video not connected</source>
        <translation>视频未接入</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapFeatureCard.qml" line="143"/>
        <source>%1 sensors</source>
        <translation>%1 个传感器</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapFeatureCard.qml" line="146"/>
        <source>%1 incidents</source>
        <translation>%1 起事件</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapFeatureCard.qml" line="149"/>
        <source>%1 cameras</source>
        <translation>%1 个摄像头</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapFeatureCard.qml" line="152"/>
        <source>%1 features</source>
        <translation>%1 个要素</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapFeatureCard.qml" line="155"/>
        <source>Click to zoom in</source>
        <translation>点击放大</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapFeatureCard.qml" line="162"/>
        <source>Layer %1</source>
        <translation>图层 %1</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapFeatureCard.qml" line="168"/>
        <source>… %1 more</source>
        <translation>……另有 %1 项</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapFeatureCard.qml" line="195"/>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapFeatureCard.qml" line="318"/>
        <source>%1 ago</source>
        <translation>%1前</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapFeatureCard.qml" line="329"/>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapFeatureCard.qml" line="398"/>
        <source>%1 trend</source>
        <translation>%1趋势</translation>
    </message>
</context>
<context>
    <name>MapLabels</name>
    <message>
        <location filename="../qml/Panels/MapLabels.qml" line="15"/>
        <source>Normal</source>
        <comment>sensor status</comment>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapLabels.qml" line="17"/>
        <source>Warning</source>
        <comment>sensor status</comment>
        <translation>预警</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapLabels.qml" line="19"/>
        <source>Alarm</source>
        <comment>sensor status</comment>
        <translation>告警</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapLabels.qml" line="21"/>
        <source>Offline</source>
        <comment>sensor status</comment>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapLabels.qml" line="30"/>
        <source>Air quality</source>
        <translation>空气质量</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapLabels.qml" line="32"/>
        <source>Traffic</source>
        <translation>交通</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapLabels.qml" line="34"/>
        <source>Water level</source>
        <translation>水位</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapLabels.qml" line="36"/>
        <source>Noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapLabels.qml" line="38"/>
        <source>Power load</source>
        <translation>电力负荷</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapLabels.qml" line="47"/>
        <source>AQI</source>
        <translation>AQI</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapLabels.qml" line="57"/>
        <source>Flow</source>
        <translation>流量</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapLabels.qml" line="59"/>
        <source>Speed</source>
        <translation>车速</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapLabels.qml" line="61"/>
        <source>Congestion index</source>
        <translation>拥堵指数</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapLabels.qml" line="63"/>
        <source>Level</source>
        <translation>水位</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapLabels.qml" line="65"/>
        <source>Warning line</source>
        <translation>警戒水位</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapLabels.qml" line="67"/>
        <source>Guarantee line</source>
        <translation>保证水位</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapLabels.qml" line="69"/>
        <source>Noise level</source>
        <translation>等效声级</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapLabels.qml" line="71"/>
        <source>Load</source>
        <translation>负荷</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapLabels.qml" line="86"/>
        <source>veh/h</source>
        <translation>辆/小时</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapLabels.qml" line="106"/>
        <source>%1 %2 %3</source>
        <translation>%1 %2 %3</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapLabels.qml" line="107"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapLabels.qml" line="113"/>
        <source>%1 km</source>
        <translation>%1 公里</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapLabels.qml" line="114"/>
        <source>%1 m</source>
        <translation>%1 米</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapLabels.qml" line="119"/>
        <source>%1° E</source>
        <translation>东经 %1°</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapLabels.qml" line="119"/>
        <source>%1° W</source>
        <translation>西经 %1°</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapLabels.qml" line="123"/>
        <source>%1° N</source>
        <translation>北纬 %1°</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapLabels.qml" line="123"/>
        <source>%1° S</source>
        <translation>南纬 %1°</translation>
    </message>
</context>
<context>
    <name>MapLayerPanel</name>
    <message>
        <location filename="../qml/Panels/MapLayerPanel.qml" line="41"/>
        <source>Layers</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapLayerPanel.qml" line="56"/>
        <source>%1 rejected</source>
        <translation>已拒收 %1 个</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapLayerPanel.qml" line="165"/>
        <source>%1 rejected (bad geometry)</source>
        <translation>已拒收 %1 个（几何无效）</translation>
    </message>
</context>
<context>
    <name>MapLegend</name>
    <message>
        <location filename="../qml/Panels/MapLegend.qml" line="102"/>
        <source>Incidents</source>
        <comment>map legend</comment>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapLegend.qml" line="122"/>
        <source>Unacknowledged</source>
        <comment>map legend: the pulsing halo</comment>
        <translation>未确认</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapLegend.qml" line="132"/>
        <source>Sensors</source>
        <comment>map legend</comment>
        <translation>传感器</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapLegend.qml" line="153"/>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapLegend.qml" line="176"/>
        <source>Cluster: ring split by status, number = count</source>
        <translation>聚合：圆环按状态分色，数字为数量</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapLegend.qml" line="191"/>
        <source>Incident density, last %1 h</source>
        <translation>近%1小时事件密度</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapLegend.qml" line="199"/>
        <source>low</source>
        <translation>低</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapLegend.qml" line="224"/>
        <source>high</source>
        <translation>高</translation>
    </message>
</context>
<context>
    <name>MapNorthArrow</name>
    <message>
        <location filename="../qml/Panels/MapNorthArrow.qml" line="22"/>
        <source>N</source>
        <translation>北</translation>
    </message>
</context>
<context>
    <name>MapPanel</name>
    <message>
        <location filename="../qml/Panels/MapPanel.qml" line="71"/>
        <source>Xianyang city overview</source>
        <translation>咸阳市域态势</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapPanel.qml" line="72"/>
        <source>%1 open incidents</source>
        <translation>未结事件 %1 起</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapPanel.qml" line="184"/>
        <source>Basemap not shown: %1</source>
        <translation>底图未显示：%1</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MapPanel.qml" line="173"/>
        <source>No incidents on the map</source>
        <translation>地图上暂无事件</translation>
    </message>
</context>
<context>
    <name>MiniMapPanel</name>
    <message>
        <location filename="../qml/Panels/MiniMapPanel.qml" line="59"/>
        <source>Location</source>
        <translation>事件位置</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MiniMapPanel.qml" line="178"/>
        <source>No incident selected</source>
        <translation>未选择事件</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MiniMapPanel.qml" line="178"/>
        <source>This incident has no position</source>
        <translation>此事件没有位置信息</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MiniMapPanel.qml" line="223"/>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <location filename="../qml/Panels/MiniMapPanel.qml" line="223"/>
        <source>Recentre</source>
        <translation>复位</translation>
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
        <location filename="../qml/Panels/Panel.qml" line="26"/>
        <source>Message broker disconnected, reconnecting</source>
        <translation>消息服务器连接中断，正在重连</translation>
    </message>
    <message>
        <location filename="../qml/Panels/Panel.qml" line="27"/>
        <source>Connected, but no messages from the data sources</source>
        <translation>链路已连接，但数据源没有新消息</translation>
    </message>
    <message>
        <location filename="../qml/Panels/Panel.qml" line="29"/>
        <source>Data interrupted for %1</source>
        <translation>数据中断 %1</translation>
    </message>
    <message>
        <location filename="../qml/Panels/Panel.qml" line="30"/>
        <source>No data received since start</source>
        <translation>启动以来尚未收到数据</translation>
    </message>
    <message>
        <location filename="../qml/Panels/Panel.qml" line="172"/>
        <source>Connected, waiting for data</source>
        <translation>已连接，等待数据</translation>
    </message>
    <message>
        <location filename="../qml/Panels/Panel.qml" line="171"/>
        <source>Not connected to the message broker</source>
        <translation>未连接消息服务器</translation>
    </message>
    <message>
        <location filename="../qml/Panels/Panel.qml" line="225"/>
        <source>%1. Values shown are out of date.</source>
        <translation>%1，当前显示的数据已过时。</translation>
    </message>
</context>
<context>
    <name>PanelRegistry</name>
    <message>
        <location filename="../modules/wall/panelregistry.cpp" line="79"/>
        <source>City indicators</source>
        <translation>城市指标</translation>
    </message>
    <message>
        <location filename="../modules/wall/panelregistry.cpp" line="83"/>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <location filename="../modules/wall/panelregistry.cpp" line="92"/>
        <source>District ranking</source>
        <translation>区县排名</translation>
    </message>
    <message>
        <location filename="../modules/wall/panelregistry.cpp" line="98"/>
        <source>Digital government targets 2025</source>
        <translation>数字政府2025目标</translation>
    </message>
    <message>
        <location filename="../modules/wall/panelregistry.cpp" line="105"/>
        <source>Incidents by state and priority</source>
        <translation>事件状态与等级</translation>
    </message>
    <message>
        <location filename="../modules/wall/panelregistry.cpp" line="107"/>
        <source>Incidents</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../modules/wall/panelregistry.cpp" line="108"/>
        <source>Monitoring alarms</source>
        <translation>监测告警</translation>
    </message>
    <message>
        <location filename="../modules/wall/panelregistry.cpp" line="110"/>
        <source>Alarm ticker</source>
        <translation>告警滚动</translation>
    </message>
    <message>
        <location filename="../modules/wall/panelregistry.cpp" line="111"/>
        <source>City map</source>
        <translation>城市地图</translation>
    </message>
    <message>
        <location filename="../modules/wall/panelregistry.cpp" line="115"/>
        <source>Video surveillance</source>
        <translation>视频监控</translation>
    </message>
    <message>
        <location filename="../modules/wall/panelregistry.cpp" line="123"/>
        <source>System health</source>
        <translation>系统运行状态</translation>
    </message>
    <message>
        <location filename="../modules/wall/panelregistry.cpp" line="124"/>
        <source>Beijing time</source>
        <translation>北京时间</translation>
    </message>
    <message>
        <location filename="../modules/wall/panelregistry.cpp" line="127"/>
        <source>Incident in focus</source>
        <translation>聚焦事件</translation>
    </message>
    <message>
        <location filename="../modules/wall/panelregistry.cpp" line="129"/>
        <source>Near the incident</source>
        <translation>事发周边</translation>
    </message>
    <message>
        <location filename="../modules/wall/panelregistry.cpp" line="133"/>
        <source>Response checklist</source>
        <translation>处置清单</translation>
    </message>
</context>
<context>
    <name>PlanTargetsPanel</name>
    <message>
        <location filename="../qml/Panels/PlanTargetsPanel.qml" line="57"/>
        <source>Digital government targets 2025</source>
        <translation>数字政府2025目标</translation>
    </message>
    <message>
        <location filename="../qml/Panels/PlanTargetsPanel.qml" line="59"/>
        <source>%1 of %2 shown · %3 met</source>
        <translation>显示 %1 / 共 %2 项 · 已达标 %3 项</translation>
    </message>
    <message>
        <location filename="../qml/Panels/PlanTargetsPanel.qml" line="60"/>
        <source>%1 of %2 met</source>
        <translation>已达标 %1 / %2</translation>
    </message>
    <message>
        <location filename="../qml/Panels/PlanTargetsPanel.qml" line="63"/>
        <source>No target values received yet</source>
        <translation>尚未收到目标数据</translation>
    </message>
    <message>
        <location filename="../qml/Panels/PlanTargetsPanel.qml" line="64"/>
        <source>No target chosen for this panel</source>
        <translation>此面板未指定目标</translation>
    </message>
    <message>
        <location filename="../qml/Panels/PlanTargetsPanel.qml" line="65"/>
        <source>Waiting for the plan indicators (plan.*)</source>
        <translation>等待规划指标（plan.*）</translation>
    </message>
    <message>
        <location filename="../qml/Panels/PlanTargetsPanel.qml" line="97"/>
        <source>… No data received yet</source>
        <translation>… 尚未收到数据</translation>
    </message>
    <message>
        <location filename="../qml/Panels/PlanTargetsPanel.qml" line="165"/>
        <source>– No target</source>
        <translation>– 无目标</translation>
    </message>
    <message>
        <location filename="../qml/Panels/PlanTargetsPanel.qml" line="165"/>
        <source>✔ Met</source>
        <translation>✔ 已达标</translation>
    </message>
    <message>
        <location filename="../qml/Panels/PlanTargetsPanel.qml" line="165"/>
        <source>○ Not yet met</source>
        <translation>○ 未达标</translation>
    </message>
    <message>
        <location filename="../qml/Panels/PlanTargetsPanel.qml" line="180"/>
        <source>%1 / %2 %3</source>
        <translation>%1 / %2 %3</translation>
    </message>
    <message>
        <location filename="../qml/Panels/PlanTargetsPanel.qml" line="181"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../qml/Panels/PlanTargetsPanel.qml" line="195"/>
        <source>%1%</source>
        <translation>%1%</translation>
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
    <name>QueuePanel</name>
    <message>
        <location filename="../qml/Panels/QueuePanel.qml" line="34"/>
        <source>Incident queue</source>
        <translation>事件队列</translation>
    </message>
    <message>
        <location filename="../qml/Panels/QueuePanel.qml" line="35"/>
        <source>%1 shown · %2 overdue</source>
        <translation>显示 %1 起 · 超时 %2 起</translation>
    </message>
    <message>
        <location filename="../qml/Panels/QueuePanel.qml" line="36"/>
        <source>%1 shown</source>
        <translation>显示 %1 起</translation>
    </message>
    <message>
        <location filename="../qml/Panels/QueuePanel.qml" line="57"/>
        <source>Filter</source>
        <translation>筛选</translation>
    </message>
    <message>
        <location filename="../qml/Panels/QueuePanel.qml" line="68"/>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../qml/Panels/QueuePanel.qml" line="70"/>
        <source>All districts</source>
        <translation>全部区县</translation>
    </message>
    <message>
        <location filename="../qml/Panels/QueuePanel.qml" line="80"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../qml/Panels/QueuePanel.qml" line="82"/>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../qml/Panels/QueuePanel.qml" line="93"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../qml/Panels/QueuePanel.qml" line="95"/>
        <source>Still open</source>
        <translation>未结事件</translation>
    </message>
    <message>
        <location filename="../qml/Panels/QueuePanel.qml" line="95"/>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../qml/Panels/QueuePanel.qml" line="149"/>
        <source>No incidents reported</source>
        <translation>暂无事件上报</translation>
    </message>
    <message>
        <location filename="../qml/Panels/QueuePanel.qml" line="149"/>
        <source>No incident matches the filters</source>
        <translation>没有符合筛选条件的事件</translation>
    </message>
</context>
<context>
    <name>QueueRow</name>
    <message>
        <location filename="../qml/Panels/QueueRow.qml" line="107"/>
        <source>%1 units</source>
        <translation>%1 个单位</translation>
    </message>
    <message>
        <location filename="../qml/Panels/QueueRow.qml" line="176"/>
        <source>⇢ Possible duplicate of %1</source>
        <translation>⇢ 疑似与 %1 重复</translation>
    </message>
</context>
<context>
    <name>ResponsePanel</name>
    <message>
        <location filename="../qml/Panels/ResponsePanel.qml" line="14"/>
        <source>Units and records</source>
        <translation>处置力量与资料</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ResponsePanel.qml" line="15"/>
        <source>%1 units</source>
        <translation>%1 个单位</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ResponsePanel.qml" line="17"/>
        <source>Select an incident in the queue</source>
        <translation>请在队列中选择事件</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ResponsePanel.qml" line="36"/>
        <source>Units</source>
        <translation>处置力量</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ResponsePanel.qml" line="41"/>
        <source>No unit dispatched yet</source>
        <translation>尚未派遣力量</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ResponsePanel.qml" line="96"/>
        <source>Sent %1 by %2</source>
        <translation>%1 由 %2 派遣</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ResponsePanel.qml" line="98"/>
        <source> · on scene %1</source>
        <translation> · %1 到场</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ResponsePanel.qml" line="128"/>
        <source>CAP alert</source>
        <translation>CAP 预警</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ResponsePanel.qml" line="171"/>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../qml/Panels/ResponsePanel.qml" line="176"/>
        <source>None</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>SlaPhaseBlock</name>
    <message>
        <location filename="../qml/Panels/SlaPhaseBlock.qml" line="53"/>
        <source>Late: %1 (target %2)</source>
        <translation>超时完成：用时 %1（目标 %2）</translation>
    </message>
    <message>
        <location filename="../qml/Panels/SlaPhaseBlock.qml" line="53"/>
        <source>Met in %1 (target %2)</source>
        <translation>用时 %1（目标 %2）</translation>
    </message>
    <message>
        <location filename="../qml/Panels/SlaPhaseBlock.qml" line="57"/>
        <source>Overdue %1</source>
        <translation>超时 %1</translation>
    </message>
    <message>
        <location filename="../qml/Panels/SlaPhaseBlock.qml" line="58"/>
        <source>%1 left</source>
        <translation>剩余 %1</translation>
    </message>
    <message>
        <location filename="../qml/Panels/SlaPhaseBlock.qml" line="59"/>
        <source>Target %1</source>
        <translation>目标 %1</translation>
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
    <name>TimelineRow</name>
    <message>
        <location filename="../qml/Panels/TimelineRow.qml" line="102"/>
        <source>%1 (%2 · %3)</source>
        <translation>%1（%2 · %3）</translation>
    </message>
    <message>
        <location filename="../qml/Panels/TimelineRow.qml" line="103"/>
        <source>%1 · this console</source>
        <translation>%1 · 本席位</translation>
    </message>
    <message>
        <location filename="../qml/Panels/TimelineRow.qml" line="130"/>
        <source>✕ Lost to %1 (%2, %3)</source>
        <translation>✕ 未生效：%1（%2）已先“%3”</translation>
    </message>
</context>
<context>
    <name>TrendPanel</name>
    <message>
        <location filename="../qml/Panels/TrendPanel.qml" line="49"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../qml/Panels/TrendPanel.qml" line="136"/>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <location filename="../qml/Panels/TrendPanel.qml" line="140"/>
        <source>No indicator chosen for this chart</source>
        <translation>此图表未指定指标</translation>
    </message>
    <message>
        <location filename="../qml/Panels/TrendPanel.qml" line="282"/>
        <source>⚠ Not drawn, a third unit: %1</source>
        <translation>⚠ 第三种单位未绘制：%1</translation>
    </message>
    <message>
        <location filename="../qml/Panels/TrendPanel.qml" line="282"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../qml/Panels/TrendPanel.qml" line="476"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../qml/Panels/TrendPanel.qml" line="500"/>
        <source>%1: target %2 %3</source>
        <translation>%1：目标 %2 %3</translation>
    </message>
    <message>
        <location filename="../qml/Panels/TrendPanel.qml" line="139"/>
        <source>No trend data received yet</source>
        <translation>尚未收到趋势数据</translation>
    </message>
</context>
<context>
    <name>WallControlBar</name>
    <message>
        <location filename="../qml/Panels/WallControlBar.qml" line="18"/>
        <source>Video wall pinned to %1</source>
        <translation>大屏已固定在「%1」</translation>
    </message>
    <message>
        <location filename="../qml/Panels/WallControlBar.qml" line="18"/>
        <source>Video wall shows %1</source>
        <translation>大屏切换到「%1」</translation>
    </message>
    <message>
        <location filename="../qml/Panels/WallControlBar.qml" line="21"/>
        <source>The wall did not change: %1</source>
        <translation>大屏未切换：%1</translation>
    </message>
    <message>
        <location filename="../qml/Panels/WallControlBar.qml" line="40"/>
        <source>Video wall: ◎ incident in focus</source>
        <translation>视频大屏：◎ 事件聚焦中</translation>
    </message>
    <message>
        <location filename="../qml/Panels/WallControlBar.qml" line="41"/>
        <source>Video wall: %1</source>
        <translation>视频大屏：%1</translation>
    </message>
    <message>
        <location filename="../qml/Panels/WallControlBar.qml" line="66"/>
        <source>■ Pinned</source>
        <translation>■ 固定</translation>
    </message>
    <message>
        <location filename="../qml/Panels/WallControlBar.qml" line="66"/>
        <source>▶ Playlist</source>
        <translation>▶ 轮播</translation>
    </message>
    <message>
        <location filename="../qml/Panels/WallControlBar.qml" line="74"/>
        <source>Release focus</source>
        <translation>解除聚焦</translation>
    </message>
    <message>
        <location filename="../qml/Panels/WallControlBar.qml" line="77"/>
        <source>The wall returns to its playlist</source>
        <translation>大屏恢复轮播</translation>
    </message>
</context>
<context>
    <name>WallLayout</name>
    <message>
        <location filename="../modules/wall/walllayout.cpp" line="30"/>
        <source>Incident in focus</source>
        <translation>聚焦事件</translation>
    </message>
</context>
<context>
    <name>WallPage</name>
    <message>
        <location filename="../qml/Panels/WallPage.qml" line="60"/>
        <source>This panel could not be shown</source>
        <translation>此面板无法显示</translation>
    </message>
    <message>
        <location filename="../qml/Panels/WallPage.qml" line="61"/>
        <source>Panel &apos;%1&apos; failed to load; the log says why</source>
        <translation>面板「%1」加载失败，原因见日志</translation>
    </message>
</context>
<context>
    <name>WallSurface</name>
    <message>
        <location filename="../qml/Panels/WallSurface.qml" line="37"/>
        <source>Digital Xianyang City Brain</source>
        <translation>数字咸阳城市大脑</translation>
    </message>
</context>
<context>
    <name>citybrain::CityMapItem</name>
    <message>
        <location filename="../modules/gis/citymapitem.cpp" line="200"/>
        <source>Unknown basemap datum &quot;%1&quot; (use wgs84 or gcj02)</source>
        <translation>未知的底图坐标系“%1”（应为 wgs84 或 gcj02）</translation>
    </message>
</context>
<context>
    <name>citybrain::ConsoleActions</name>
    <message>
        <location filename="../modules/wall/consoleactions.cpp" line="59"/>
        <source>Your role (%1) may not %2.</source>
        <translation>您的席位（%1）不能执行“%2”。</translation>
    </message>
    <message>
        <location filename="../modules/wall/consoleactions.cpp" line="62"/>
        <location filename="../modules/wall/consoleactions.cpp" line="226"/>
        <source>Incident %1 is not known here.</source>
        <translation>本席位没有事件 %1。</translation>
    </message>
    <message>
        <location filename="../modules/wall/consoleactions.cpp" line="64"/>
        <source>Incident %1 is %2: %3 is not possible now.</source>
        <translation>事件 %1 当前为 %2：现在不能%3。</translation>
    </message>
    <message>
        <location filename="../modules/wall/consoleactions.cpp" line="67"/>
        <location filename="../modules/wall/consoleactions.cpp" line="205"/>
        <source>No broker connection.</source>
        <translation>未连接消息服务器。</translation>
    </message>
    <message>
        <location filename="../modules/wall/consoleactions.cpp" line="78"/>
        <source>The broker did not take the action; try again.</source>
        <translation>消息服务器未接收此操作，请重试。</translation>
    </message>
    <message>
        <location filename="../modules/wall/consoleactions.cpp" line="108"/>
        <source>Unknown unit type: %1</source>
        <translation>未知的力量类型：%1</translation>
    </message>
    <message>
        <location filename="../modules/wall/consoleactions.cpp" line="111"/>
        <source>A unit needs a call sign (at most 64 characters).</source>
        <translation>派遣需要填写呼号（最多 64 个字符）。</translation>
    </message>
    <message>
        <location filename="../modules/wall/consoleactions.cpp" line="136"/>
        <source>A note needs text (at most 2000 characters).</source>
        <translation>备注不能为空（最多 2000 个字符）。</translation>
    </message>
    <message>
        <location filename="../modules/wall/consoleactions.cpp" line="148"/>
        <source>An attachment is a http, https, file, ftp or rtsp address.</source>
        <translation>附件须为 http、https、file、ftp 或 rtsp 地址。</translation>
    </message>
    <message>
        <location filename="../modules/wall/consoleactions.cpp" line="156"/>
        <source>Priority is P1 to P4.</source>
        <translation>优先级为 P1 至 P4。</translation>
    </message>
    <message>
        <location filename="../modules/wall/consoleactions.cpp" line="158"/>
        <source>Changing the priority needs a reason.</source>
        <translation>调整优先级必须填写原因。</translation>
    </message>
    <message>
        <location filename="../modules/wall/consoleactions.cpp" line="169"/>
        <source>Unknown incident kind: %1</source>
        <translation>未知的事件类型：%1</translation>
    </message>
    <message>
        <location filename="../modules/wall/consoleactions.cpp" line="178"/>
        <source>Merge into which incident? %1 is not known here.</source>
        <translation>合并到哪个事件？本席位没有事件 %1。</translation>
    </message>
    <message>
        <location filename="../modules/wall/consoleactions.cpp" line="224"/>
        <location filename="../modules/wall/consoleactions.cpp" line="234"/>
        <source>Only a leader steers the wall.</source>
        <translation>只有值班领导可以控制大屏。</translation>
    </message>
    <message>
        <location filename="../modules/wall/consoleactions.cpp" line="238"/>
        <source>Not a page id: %1</source>
        <translation>不是有效的页面编号：%1</translation>
    </message>
</context>
<context>
    <name>citybrain::IncidentAlarm</name>
    <message>
        <location filename="../modules/incidents/incidentalarm.cpp" line="30"/>
        <source>The alarm sound cannot be played (no audio output or a bad file).</source>
        <translation>无法播放警报声音（没有音频输出或文件损坏）。</translation>
    </message>
</context>
<context>
    <name>citybrain::MapLayers</name>
    <message>
        <location filename="../modules/gis/maplayers.cpp" line="167"/>
        <location filename="../app/main.cpp" line="110"/>
        <source>Districts</source>
        <translation>行政区划</translation>
    </message>
    <message>
        <location filename="../modules/gis/maplayers.cpp" line="168"/>
        <source>City outline</source>
        <translation>市界</translation>
    </message>
    <message>
        <location filename="../modules/gis/maplayers.cpp" line="179"/>
        <source>Sensors</source>
        <translation>传感器</translation>
    </message>
    <message>
        <location filename="../modules/gis/maplayers.cpp" line="180"/>
        <source>Incidents</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../modules/gis/maplayers.cpp" line="181"/>
        <source>Incident density</source>
        <translation>事件热力</translation>
    </message>
    <message>
        <location filename="../modules/gis/maplayers.cpp" line="182"/>
        <location filename="../app/main.cpp" line="112"/>
        <source>Cameras</source>
        <translation>摄像头</translation>
    </message>
</context>
</TS>
