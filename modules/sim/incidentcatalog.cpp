#include "incidentcatalog.h"

namespace citybrain::sim {

const std::vector<IncidentKind>& IncidentCatalog::kinds()
{
    static const std::vector<IncidentKind> list = {
        { QStringLiteral("traffic_accident"), QStringLiteral("110-traffic"), 30, true,
            { QStringLiteral("{d}{r}与{r2}交叉口两车相撞"), QStringLiteral("{d}{r}发生追尾事故，{n}车受损"),
                QStringLiteral("{d}{r}一货车侧翻，部分车道受阻"), QStringLiteral("{d}{r}电动自行车与轿车剐蹭") },
            QStringLiteral("110指挥中心接报，现场车辆受损，具体伤亡情况待核实，已通知交警和120前往。"),
            QStringLiteral("交警已到达现场，正在疏导交通、勘查现场，受损车辆准备拖离。"),
            QStringLiteral("事故车辆已拖离，道路恢复通行，事故责任认定转交警大队办理。") },
        { QStringLiteral("fire"), QStringLiteral("119-fire"), 8, true,
            { QStringLiteral("{d}{p}一居民楼起火"), QStringLiteral("{d}{r}沿街商铺发生火灾"),
                QStringLiteral("{d}{p}附近荒草起火"), QStringLiteral("{d}{r}一车辆自燃") },
            QStringLiteral("119指挥中心接报，现场有明火和浓烟，已调派消防救援力量出动。"),
            QStringLiteral("消防救援力量已到场，火势得到控制，正在排查有无被困人员。"),
            QStringLiteral("明火已扑灭，现场无人员伤亡，余火清理完毕，消防力量归队。") },
        { QStringLiteral("waterlogging"), QStringLiteral("drainage-monitoring"), 6, true,
            { QStringLiteral("{d}{r}积水约{n}厘米"), QStringLiteral("{d}{r}下穿通道积水，车辆缓行"),
                QStringLiteral("{d}{p}小区地下车库进水") },
            QStringLiteral("排水监测点报警，路面积水影响通行，已通知市政排水养护单位。"),
            QStringLiteral("排水抢险队伍已到场，移动泵车正在抽排，现场设置警示围挡。"),
            QStringLiteral("积水已排除，道路恢复通行，排水设施运行正常。") },
        { QStringLiteral("pollution"), QStringLiteral("env-monitoring"), 12, true,
            { QStringLiteral("{d}{p}附近居民反映异味，疑似废气排放"), QStringLiteral("{d}{r}一建筑工地扬尘超标"),
                QStringLiteral("{d}{p}河段水体异常变色"), QStringLiteral("{d}{p}空气监测站PM2.5浓度突升") },
            QStringLiteral("生态环境监测发现异常，已通知生态环境执法人员前往核查。"),
            QStringLiteral("执法人员已到场采样，责令相关单位立即整改，监测数据持续跟踪。"),
            QStringLiteral("污染源已查明并完成整改，监测数据恢复正常。") },
        { QStringLiteral("gas_leak"), QStringLiteral("gas-emergency"), 6, true,
            { QStringLiteral("{d}{p}一小区燃气管道泄漏"), QStringLiteral("{d}{r}施工挖断中压燃气管线"),
                QStringLiteral("{d}{r}一餐馆液化气罐泄漏") },
            QStringLiteral("燃气抢险热线接报，现场有明显燃气味，已通知燃气公司和消防救援力量。"),
            QStringLiteral("抢险人员已关闭上游阀门，现场设置警戒区，周边群众已疏散。"),
            QStringLiteral("泄漏点已修复，检测无残留燃气，警戒解除。") },
        { QStringLiteral("city_management"), QStringLiteral("12345-hotline"), 38, false,
            { QStringLiteral("{d}{r}占道经营影响通行"), QStringLiteral("{d}{r}路灯不亮"),
                QStringLiteral("{d}{r}井盖缺失存在安全隐患"), QStringLiteral("{d}{p}夜间施工噪声扰民"),
                QStringLiteral("{d}{p}生活垃圾清运不及时"), QStringLiteral("{d}{r}共享单车乱停乱放") },
            QStringLiteral("12345热线受理市民诉求，已派单至属地街道和城管部门办理。"),
            QStringLiteral("承办单位已签收工单，工作人员已到现场核实处理。"),
            QStringLiteral("诉求已办结，承办单位已电话回访市民，市民表示满意。") },
    };
    return list;
}

const DistrictPlaces& IncidentCatalog::places(const QString& adcode)
{
    static const std::vector<DistrictPlaces> list = {
        { QStringLiteral("610402"),
            { QStringLiteral("人民西路"), QStringLiteral("渭阳西路"), QStringLiteral("世纪大道"),
                QStringLiteral("西兰路"), QStringLiteral("秦皇路"), QStringLiteral("玉泉路"),
                QStringLiteral("彩虹一路"), QStringLiteral("陈杨路"), QStringLiteral("统一路") },
            { QStringLiteral("统一广场"), QStringLiteral("咸阳湖景区"), QStringLiteral("西郊市场"),
                QStringLiteral("双照街道"), QStringLiteral("陈杨寨街道"), QStringLiteral("吴家堡街道") } },
        { QStringLiteral("610403"),
            { QStringLiteral("邰城路"), QStringLiteral("康乐路"), QStringLiteral("西农路"), QStringLiteral("常青路"),
                QStringLiteral("新桥路"), QStringLiteral("神农路") },
            { QStringLiteral("西北农林科技大学北校区"), QStringLiteral("杨凌农科城"), QStringLiteral("五泉镇"),
                QStringLiteral("大寨街道") } },
        { QStringLiteral("610404"),
            { QStringLiteral("文林路"), QStringLiteral("人民东路"), QStringLiteral("渭阳中路"),
                QStringLiteral("乐育路"), QStringLiteral("北平街"), QStringLiteral("朝阳一路"),
                QStringLiteral("中华路"), QStringLiteral("胜利街"), QStringLiteral("东风路") },
            { QStringLiteral("咸阳火车站"), QStringLiteral("新兴街道"), QStringLiteral("渭阳街道"),
                QStringLiteral("正阳街道"), QStringLiteral("窑店街道"), QStringLiteral("北杜街道") } },
        { QStringLiteral("610422"),
            { QStringLiteral("池阳路"), QStringLiteral("建设路"), QStringLiteral("清河路"), QStringLiteral("南大街") },
            { QStringLiteral("三原城隍庙"), QStringLiteral("大程镇"), QStringLiteral("陂西镇"),
                QStringLiteral("鲁桥镇") } },
        { QStringLiteral("610423"),
            { QStringLiteral("泾干大街"), QStringLiteral("崇文路"), QStringLiteral("泾河大道"),
                QStringLiteral("北环路") },
            { QStringLiteral("永乐镇"), QStringLiteral("云阳镇"), QStringLiteral("王桥镇"),
                QStringLiteral("泾干街道") } },
        { QStringLiteral("610424"),
            { QStringLiteral("东大街"), QStringLiteral("西大街"), QStringLiteral("乾陵路"), QStringLiteral("南环路") },
            { QStringLiteral("乾陵景区"), QStringLiteral("阳洪镇"), QStringLiteral("临平镇"),
                QStringLiteral("薛录镇") } },
        { QStringLiteral("610425"),
            { QStringLiteral("西大街"), QStringLiteral("昭陵路"), QStringLiteral("北环路"), QStringLiteral("东环路") },
            { QStringLiteral("袁家村"), QStringLiteral("烟霞镇"), QStringLiteral("昭陵景区"),
                QStringLiteral("骏马镇") } },
        { QStringLiteral("610426"),
            { QStringLiteral("永平路"), QStringLiteral("中大街"), QStringLiteral("312国道永寿段") },
            { QStringLiteral("监军街道"), QStringLiteral("常宁镇"), QStringLiteral("甘井镇") } },
        { QStringLiteral("610428"),
            { QStringLiteral("昭仁街"), QStringLiteral("东大街"), QStringLiteral("312国道长武段") },
            { QStringLiteral("亭口镇"), QStringLiteral("相公镇"), QStringLiteral("昭仁街道") } },
        { QStringLiteral("610429"), { QStringLiteral("泰塔路"), QStringLiteral("东大街"), QStringLiteral("北门街") },
            { QStringLiteral("马栏镇"), QStringLiteral("职田镇"), QStringLiteral("太村镇") } },
        { QStringLiteral("610430"), { QStringLiteral("滨河路"), QStringLiteral("南大街"), QStringLiteral("北环路") },
            { QStringLiteral("润镇"), QStringLiteral("十里塬镇"), QStringLiteral("城关街道") } },
        { QStringLiteral("610431"), { QStringLiteral("普集街"), QStringLiteral("武功大道"), QStringLiteral("西环路") },
            { QStringLiteral("武功镇"), QStringLiteral("普集镇"), QStringLiteral("长宁镇"),
                QStringLiteral("贞元镇") } },
        { QStringLiteral("610481"),
            { QStringLiteral("金城路"), QStringLiteral("东城路"), QStringLiteral("兴平大道"),
                QStringLiteral("西吴路") },
            { QStringLiteral("马嵬驿"), QStringLiteral("店张街道"), QStringLiteral("西吴街道"),
                QStringLiteral("阜寨镇") } },
        { QStringLiteral("610482"),
            { QStringLiteral("公刘街"), QStringLiteral("东大街"), QStringLiteral("彬州大道"),
                QStringLiteral("312国道彬州段") },
            { QStringLiteral("大佛寺景区"), QStringLiteral("北极镇"), QStringLiteral("水口镇"),
                QStringLiteral("新民镇") } },
    };
    static const DistrictPlaces generic { {}, { QStringLiteral("主干道"), QStringLiteral("环城路") },
        { QStringLiteral("城区"), QStringLiteral("中心广场") } };
    for (const DistrictPlaces& entry : list) {
        if (entry.adcode == adcode)
            return entry;
    }
    return generic;
}

} // namespace citybrain::sim
