/*
 * social.c - social-media post captures (social-posts.jsonl, FtM JSON
 * lines, no mapping): UserAccount lines for the authors and
 * SocialMediaPost lines for what they posted on Facebook groups and pages,
 * Telegram and WhatsApp channels, TikTok and Instagram, in Arabic, Kurdish
 * Sorani, Farsi, Pashto, Albanian, Vietnamese, Tigrinya, English and French.
 *
 * Authors are the world's social accounts (recruiters' burner accounts,
 * some migrants' community accounts) and background pages and people who
 * are not in the world (news pages, NGOs, diaspora groups).  About one post
 * in seven is an advert by a facilitator's burner account: a template that
 * combines several categories (destination, departure, transport, price,
 * guarantee, contact, payment, document; DOMAIN.md §5).  Everything else is
 * news, family messages, drowning warnings, legal-aid notices, requests for
 * help and chat, with hard negatives that mention boats, prices, the UK or
 * Calais without selling anything.
 *
 * Truth: truth/posts.csv labels every post (advert or not, language, the
 * true author, the categories the text really contains, the route sold);
 * usernames, handles and numbers go to truth/mentions.csv (accounts as
 * "SM<index>", as partner-reports.jsonl writes them, phones as "PH<index>").
 */
#include <ctype.h>
#include <string.h>

#include "sim/sim_int.h"

#define SRC     "social-posts.jsonl"
#define DATASET "social-media-captures"

/* Volume: every burner account's posts are captured (1-3 each, most of
 * them adverts); the community and background posts are then sized so that
 * adverts are about ADVERT_SHARE of all posts.  Facilitators grow more slowly
 * than migrants, so the file stays small (about 15 MB at --scale large). */
#define BURNER_ADVERT_SHARE 0.75
#define ADVERT_SHARE        0.15
#define COMMUNITY_PART      0.5 /* of the other posts, by migrants' accounts */

/* ---- texts per language ----------------------------------------------------- */

enum lang { L_AR, L_CKB, L_FA, L_PS, L_SQ, L_VI, L_TI, L_EN, L_FR, L__COUNT };

enum {
	CAT_DEST = 1 << 0,
	CAT_DEPART = 1 << 1,
	CAT_TRANSPORT = 1 << 2,
	CAT_PRICE = 1 << 3,
	CAT_GUARANTEE = 1 << 4,
	CAT_CONTACT = 1 << 5,
	CAT_PAYMENT = 1 << 6,
	CAT_DOCUMENT = 1 << 7,
	CAT__COUNT = 8
};
static const char *const cat_names[CAT__COUNT] = {"destination", "departure", "transport",
                                                  "price",       "guarantee", "contact",
                                                  "payment",     "document"};

/* Transport words, in the order of struct lang_text.mode. */
enum { TR_BOAT, TR_DINGHY, TR_LORRY, TR_YACHT, TR_PLANE, TR_SHIP, TR__COUNT };

/* What the non-advert templates of every language say, in the same order. */
enum {
	NA_MISSING,  /* news of a relative who left by boat */
	NA_DROWNING, /* a boat sank: do not risk it */
	NA_ARRIVED,  /* arrived in England, greetings */
	NA_LEGAL,    /* free legal advice at a camp */
	NA_NEWS,     /* UK-France agreement on small boats */
	NA_PRICES,   /* police warn of smugglers' prices */
	NA_CHAT,     /* good morning */
	NA_HELP,     /* stranded with children */
	NA_VISA,     /* family reunion visa question */
	NA_SCAM,     /* scam warning about money left with a saraf */
	NA_COST,     /* everything is expensive here */
	NA__COUNT
};
static const unsigned na_cats[NA__COUNT] = {
        [NA_MISSING] = CAT_DEPART | CAT_TRANSPORT,
        [NA_DROWNING] = CAT_DEPART | CAT_TRANSPORT,
        [NA_ARRIVED] = CAT_DEST,
        [NA_LEGAL] = CAT_DEPART,
        [NA_NEWS] = CAT_DEST | CAT_TRANSPORT,
        [NA_PRICES] = CAT_DEST | CAT_PRICE | CAT_TRANSPORT,
        [NA_CHAT] = 0,
        [NA_HELP] = CAT_DEPART,
        [NA_VISA] = CAT_DEST | CAT_DOCUMENT,
        [NA_SCAM] = CAT_PAYMENT,
        [NA_COST] = CAT_DEPART | CAT_PRICE,
};

/*
 * Slots: {P} a departure place, {M} a price, {S} a small sum, {C} a
 * contact (number, link or handle), {N} a relative's given name, {X} a
 * number of days.
 */
struct lang_text {
	const char *code;
	const char *place[3]; /* Calais, Dunkirk, Gravelines as written in the language */
	const char *money[3]; /* euro, pound, dollar */
	const char *open[2];  /* openers and euphemisms: no category */
	const char *dest[2];
	const char *depart;
	const char *mode[TR__COUNT];
	const char *price;
	const char *guarantee[2];
	const char *payment[2];
	const char *document;
	const char *schedule;
	const char *contact, *inbox, *call;
	const char *other[NA__COUNT];
};

/* clang-format is not stable on right-to-left text with joiners: leave the
 * table as written */
// clang-format off
static const struct lang_text langs[L__COUNT] = {
        [L_AR] = {"ar",
                  {"كاليه", "دنكيرك", "غرافلين"},
                  {"يورو", "جنيه", "دولار"},
                  {"📢 رحلات هجرة", "🔥 الحرقة 🔥"},
                  {"إلى بريطانيا 🇬🇧", "إلى لندن 🇬🇧"},
                  "من {P}",
                  {"بالقارب 🚤", "بالبلم 🚤", "بالشاحنة 🚛", "باليخت ⛵", "بالطيارة ✈️",
                   "بالسفينة 🚢"},
                  "السعر {M}",
                  {"مضمون 100% ✅", "آمن والعائلات مرحب بها"},
                  {"الدفع عند الوصول", "المبلغ أمانة عند الصراف"},
                  "نؤمن فيزا وجواز سفر 🛂",
                  "كل يوم",
                  "📞 للتواصل {C}",
                  "راسلني خاص 📩",
                  "أرجو الاتصال على {C} 📞",
                  {"هل عند أحد خبر عن أخي {N}؟ خرج من {P} بالقارب قبل {X} أيام ولم يتصل 😢",
                   "خبر حزين: غرق قارب قرب {P} الليلة الماضية. أرجوكم لا تخاطروا بحياتكم "
                   "وحياة أطفالكم 🙏",
                   "الحمد لله وصلت إلى بريطانيا بالسلامة. سلامي لأمي وكل العائلة "
                   "❤️",
                   "استشارة قانونية مجانية في {P} كل ثلاثاء وخميس. اسألوا المتطوعين.",
                   "بريطانيا وفرنسا تتفقان على إجراءات جديدة ضد القوارب الصغيرة.",
                   "الشرطة تقول إن المهربين يطلبون الآن {M} لمكان في قارب إلى بريطانيا. لا "
                   "تدفعوا لهم.",
                   "صباح الخير يا أصدقاء 🌞 يوم سعيد للجميع",
                   "نحن في {P} مع أطفال، بلا طعام ولا خيمة. هل يستطيع أحد المساعدة؟",
                   "كيف أقدم على فيزا لمّ الشمل إلى بريطانيا؟ هل يعرف أحد محامياً؟",
                   "انتبهوا: أشخاص على فيسبوك يأخذون المال ويختفون. لا تتركوا مالاً عند صراف "
                   "لشخص لا تعرفونه.",
                   "كل شيء غالٍ في {P}، بطاقة الهاتف بـ {S}."}},
        [L_CKB] = {"ckb",
                   {"کالێ", "دنکرک", "گراڤلین"},
                   {"یۆرۆ", "پاوەند", "دۆلار"},
                   {"📢 گەشتی کۆچ", "🔥 گەیم 🔥"},
                   {"بۆ بەریتانیا 🇬🇧", "بۆ لەندەن 🇬🇧"},
                   "لە {P}",
                   {"بە بەلەم 🚤", "بە قایق 🚤", "بە لۆری 🚛", "بە یەخت ⛵", "بە فڕۆکە ✈️",
                    "بە کەشتی 🚢"},
                   "نرخ {M}",
                   {"100% گەرەنتی ✅", "سەلامەت، خێزانیش وەردەگرین"},
                   {"پارە دوای گەیشتن", "پارە لای سەڕاف دادەنرێت"},
                   "ڤیزا و پاسپۆرت ئامادەیە 🛂",
                   "هەموو ڕۆژێک",
                   "📞 پەیوەندی {C}",
                   "نامە بنێرە 📩",
                   "تکایە پەیوەندی بکە بە {C} 📞",
                   {"کەس هەواڵی براکەم {N}ی هەیە؟ {X} ڕۆژ لەمەوبەر بە بەلەم لە {P} ڕۆیشت و "
                    "پەیوەندی نەکردووە 😢",
                    "هەواڵێکی ناخۆش: شەوی ڕابردوو بەلەمێک لە نزیک {P} نقووم بوو. تکایە ژیانی "
                    "خۆتان و منداڵەکانتان مەخەنە مەترسییەوە 🙏",
                    "سوپاس بۆ خوا بە سەلامەتی گەیشتمە بەریتانیا. سڵاو بۆ دایکم و هەموو "
                    "خێزانەکەم ❤️",
                    "ڕاوێژی یاسایی بەخۆڕایی لە {P} هەموو سێشەممە و پێنجشەممەیەک. پرسیار لە "
                    "خۆبەخشەکان بکەن.",
                    "بەریتانیا و فەرەنسا لەسەر ڕێوشوێنی نوێ دژی بەلەمە بچووکەکان ڕێککەوتن.",
                    "پۆلیس دەڵێت قاچاخچییەکان ئێستا {M} بۆ جێگایەک لە بەلەم بۆ بەریتانیا داوا "
                    "دەکەن. پارەیان پێ مەدەن.",
                    "بەیانیتان باش هاوڕێیان 🌞 ڕۆژێکی خۆش",
                    "ئێمە لەگەڵ منداڵ لە {P} ماوینەتەوە، بێ خواردن و بێ خێوەت. کەس دەتوانێت "
                    "یارمەتیمان بدات؟",
                    "چۆن داوای ڤیزای کۆبوونەوەی خێزان بۆ بەریتانیا بکەم؟ کەس پارێزەرێک "
                    "دەناسێت؟",
                    "ئاگاداربن: هەندێک کەس لە فەیسبووک پارە وەردەگرن و ون دەبن. پارە لای سەڕاف "
                    "بۆ کەسێکی نەناسراو دامەنێن.",
                    "هەموو شتێک لە {P} گرانە، کارتی مۆبایل بە {S}."}},
        [L_FA] = {"fa",
                  {"کاله", "دانکرک", "گراولین"},
                  {"یورو", "پوند", "دلار"},
                  {"📢 سفر مهاجرتی", "🔥 گیم 🔥"},
                  {"به انگلیس 🇬🇧", "به لندن 🇬🇧"},
                  "از {P}",
                  {"با قایق 🚤", "با بلم 🚤", "با کامیون 🚛", "با قایق تفریحی ⛵",
                   "با هواپیما ✈️", "با کشتی 🚢"},
                  "قیمت {M}",
                  {"تضمینی 100% ✅", "امن، خانواده‌ها هم قبول"},
                  {"پرداخت بعد از رسیدن", "پول پیش صراف امانت"},
                  "ویزا و پاسپورت داریم 🛂",
                  "هر روز",
                  "📞 تماس {C}",
                  "پیام خصوصی بدید 📩",
                  "لطفا با {C} تماس بگیرید 📞",
                  {"کسی از برادرم {N} خبر دارد؟ {X} روز پیش با قایق از {P} رفت و دیگر تماس "
                   "نگرفت 😢",
                   "خبر تلخ: دیشب یک قایق نزدیک {P} غرق شد. لطفا جان خودتان و "
                   "بچه‌هایتان "
                   "را "
                   "به خطر نیندازید 🙏",
                   "خدا را شکر به سلامت به انگلیس رسیدم. سلام به مادرم و همه خانواده "
                   "❤️",
                   "مشاوره حقوقی رایگان در {P} هر سه‌شنبه و "
                   "پنج‌شنبه. "
                   "از "
                   "داوطلبان "
                   "بپرسید.",
                   "انگلیس و فرانسه درباره اقدامات تازه علیه "
                   "قایق‌های "
                   "کوچک "
                   "توافق "
                   "کردند.",
                   "پلیس می‌گوید قاچاقچی‌ها حالا برای یک جا در قایق "
                   "به "
                   "انگلیس "
                   "{M} "
                   "می‌خواهند. "
                   "به آنها پول ندهید.",
                   "صبح بخیر دوستان 🌞 روز خوبی داشته باشید",
                   "ما با بچه‌ها در {P} هستیم، بدون غذا و چادر. "
                   "کسی "
                   "می‌تواند "
                   "کمک "
                   "کند؟",
                   "چطور برای ویزای پیوستن به خانواده در انگلیس درخواست بدهم؟ کسی وکیل "
                   "می‌شناسد؟",
                   "مواظب باشید: بعضی‌ها در فیسبوک پول می‌گیرند و غیب "
                   "می‌شوند. "
                   "پول "
                   "را "
                   "برای "
                   "آدم ناشناس پیش صراف نگذارید.",
                   "همه چیز در {P} گران است، سیم‌کارت {S}."}},
        [L_PS] = {"ps",
                  {"کاله", "ډنکرک", "ګراولین"},
                  {"یورو", "پونډه", "ډالر"},
                  {"📢 د مهاجرت سفر", "🔥 ډنکي 🔥"},
                  {"انګلستان ته 🇬🇧", "لندن ته 🇬🇧"},
                  "له {P} څخه",
                  {"په کښتۍ 🚤", "په کوچنۍ کښتۍ 🚤", "په لارۍ 🚛", "په یاټ ⛵",
                   "په الوتکه ✈️", "په لویه کښتۍ 🚢"},
                  "بیه {M}",
                  {"100% ډاډمن ✅", "خوندي، کورنۍ هم منو"},
                  {"پیسې د رسېدو وروسته", "پیسې له صراف سره امانت"},
                  "ویزه او پاسپورټ هم جوړوو 🛂",
                  "هره ورځ",
                  "📞 اړیکه {C}",
                  "په انباکس کې پیغام راکړئ 📩",
                  "مهرباني وکړئ {C} ته زنګ ووهئ 📞",
                  {"چا زما د ورور {N} خبر شته؟ {X} ورځې مخکې په کښتۍ له {P} څخه ووت او بیا "
                   "یې زنګ ونه واهه 😢",
                   "بده خبر: تېره شپه د {P} سره نږدې یوه کښتۍ ډوبه شوه. مهرباني وکړئ خپل او "
                   "د ماشومانو ژوند په خطر کې مه اچوئ 🙏",
                   "الحمدلله په خیریت انګلستان ته ورسېدم. مور او ټولې کورنۍ ته سلام "
                   "❤️",
                   "په {P} کې وړیا حقوقي مشوره هره سه شنبه او پنجشنبه. له رضاکارانو "
                   "وپوښتئ.",
                   "انګلستان او فرانسې د وړو کښتیو پر ضد په نویو اقداماتو موافقه وکړه.",
                   "پولیس وايي قاچاقبران اوس د انګلستان لپاره په کښتۍ کې د یوه ځای {M} "
                   "غواړي. پیسې مه ورکوئ.",
                   "سهار مو پخیر ملګرو 🌞 ښه ورځ ولرئ",
                   "موږ له ماشومانو سره په {P} کې یو، نه خواړه لرو نه خیمه. څوک مرسته کولای "
                   "شي؟",
                   "د انګلستان لپاره د کورنۍ د یوځای کېدو ویزې ته څنګه درخواست ورکړم؟ څوک "
                   "وکیل پېژني؟",
                   "پام کوئ: ځینې خلک په فیسبوک پیسې اخلي او ورک شي. د ناپېژندل شوي سړي "
                   "لپاره صراف ته پیسې مه ورکوئ.",
                   "په {P} کې هر څه ګران دي، سیم کارت {S}."}},
        [L_SQ] = {"sq",
                  {"Kale", "Dunkerk", "Gravelines"},
                  {"euro", "paund", "dollarë"},
                  {"📢 Udhëtime çdo javë", "🔥 Rruga 🔥"},
                  {"për në Angli 🇬🇧", "për Londër 🇬🇧"},
                  "nga {P}",
                  {"me varkë 🚤", "me gomone 🚤", "me kamion 🚛", "me jaht ⛵", "me avion ✈️",
                   "me anije 🚢"},
                  "çmimi {M}",
                  {"100% e sigurt ✅", "pa rrezik, pranojmë edhe familje"},
                  {"pagesa pasi të arrini", "paratë lihen në zyrë"},
                  "kemi vizë dhe pasaportë 🛂",
                  "çdo ditë",
                  "📞 kontakt {C}",
                  "më shkruani në inbox 📩",
                  "ju lutem telefononi {C} 📞",
                  {"A ka njeri lajme për vëllain tim {N}? U nis nga {P} me varkë para {X} "
                   "ditësh dhe nuk ka marrë në telefon 😢",
                   "Lajm i trishtë: një varkë u fundos pranë {P} mbrëmë. Ju lutem mos rrezikoni "
                   "jetën tuaj dhe të fëmijëve 🙏",
                   "Falë Zotit arrita shëndoshë në Angli. Të fala nënës dhe gjithë familjes "
                   "❤️",
                   "Këshilla ligjore falas në {P} çdo të martë dhe të enjte. Pyesni "
                   "vullnetarët.",
                   "Britania dhe Franca ranë dakord për masa të reja kundër varkave të vogla.",
                   "Policia thotë se trafikantët tani kërkojnë {M} për një vend në varkë për në "
                   "Angli. Mos u jepni para.",
                   "Mirëmëngjes miq 🌞 ditë të mbarë",
                   "Jemi në {P} me fëmijë, pa ushqim dhe pa çadër. A mund të na ndihmojë "
                   "dikush?",
                   "Si të aplikoj për vizë bashkimi familjar në Angli? A njeh dikush një "
                   "avokat?",
                   "Kujdes: disa njerëz në Facebook marrin para dhe zhduken. Mos lini para në "
                   "zyrë për dikë që nuk e njihni.",
                   "Gjithçka është e shtrenjtë në {P}, një kartë telefoni kushton {S}."}},
        [L_VI] = {"vi",
                  {"Calais", "Dunkirk", "Gravelines"},
                  {"euro", "bảng", "đô"},
                  {"📢 Tuyển người đi làm", "🔥 Đi xuất khẩu lao động 🔥"},
                  {"sang Anh 🇬🇧", "đi London 🇬🇧"},
                  "từ {P}",
                  {"bằng thuyền 🚤", "bằng xuồng 🚤", "bằng xe tải 🚛", "bằng du thuyền ⛵",
                   "bằng máy bay ✈️", "bằng tàu thủy 🚢"},
                  "giá {M}",
                  {"bao đậu 100% ✅", "an toàn, nhận cả gia đình"},
                  {"trả tiền khi đến nơi", "đặt cọc tại văn phòng"},
                  "có visa và hộ chiếu 🛂",
                  "hàng ngày",
                  "📞 liên hệ {C}",
                  "inbox mình 📩",
                  "xin gọi {C} 📞",
                  {"Có ai biết tin em trai tôi {N} không? Em ấy đi thuyền từ {P} {X} ngày trước "
                   "mà chưa liên lạc 😢",
                   "Tin buồn: đêm qua một chiếc thuyền bị chìm gần {P}. Xin mọi người đừng liều "
                   "mạng mình và con cái 🙏",
                   "Cảm ơn trời, tôi đã đến Anh an toàn. Gửi lời chào mẹ và cả gia đình "
                   "❤️",
                   "Tư vấn pháp lý miễn phí tại {P} vào thứ Ba và thứ Năm hàng tuần. Hỏi các "
                   "tình nguyện viên.",
                   "Anh và Pháp đã thống nhất các biện pháp mới chống thuyền nhỏ vượt biển.",
                   "Cảnh sát nói những kẻ buôn người nay đòi {M} cho một chỗ trên thuyền sang "
                   "Anh. Đừng trả tiền cho họ.",
                   "Chào buổi sáng các bạn 🌞 chúc một ngày vui vẻ",
                   "Chúng tôi đang ở {P} với con nhỏ, không có đồ ăn và lều. Ai có thể giúp "
                   "không?",
                   "Làm sao xin visa đoàn tụ gia đình sang Anh? Có ai biết luật sư không?",
                   "Cẩn thận: có người trên Facebook nhận tiền rồi biến mất. Đừng gửi tiền ở "
                   "văn phòng cho người lạ.",
                   "Mọi thứ ở {P} đều đắt, thẻ điện thoại giá {S}."}},
        [L_TI] = {"ti",
                  {"ካሌ", "ዳንኪርክ", "ግራቭሊን"},
                  {"ዩሮ", "ፓውንድ", "ዶላር"},
                  {"📢 ጉዕዞ", "🔥 ስደት 🔥"},
                  {"ናብ እንግሊዝ 🇬🇧", "ናብ ለንደን 🇬🇧"},
                  "ካብ {P}",
                  {"ብጀልባ 🚤", "ብንእሽቶ ጀልባ 🚤", "ብመኪና ጽዕነት 🚛", "ብያኽት ⛵", "ብነፋሪት ✈️",
                   "ብመርከብ 🚢"},
                  "ዋጋ {M}",
                  {"100% ውሑስ ✅", "ብድሕንነት፡ ስድራቤት ንቕበል"},
                  {"ክፍሊት ምስ በጻሕካ", "ገንዘብ ኣብ ቤት ጽሕፈት ይተሓዝ"},
                  "ቪዛን ፓስፖርትን ኣሎ 🛂",
                  "ኩሉ መዓልቲ",
                  "📞 ተወከሱ {C}",
                  "ብውሽጢ ጽሓፉ 📩",
                  "በጃኹም ብ {C} ደውሉ 📞",
                  {"ብዛዕባ ሓወይ {N} ዝፈልጥ ሰብ ኣሎ ድዩ? ቅድሚ {X} መዓልቲ ብጀልባ ካብ {P} ተበጊሱ፡ "
                   "ክሳብ ሕጂ ኣይደወለን 😢",
                   "ሕማቕ ዜና፡ ትማሊ ለይቲ ኣብ ጥቓ {P} ሓንቲ ጀልባ ጥሒላ። በጃኹም ህይወትኩምን ናይ "
                   "ደቅኹምን ኣብ ሓደጋ ኣይተእትዉ 🙏",
                   "ምስጋና ንኣምላኽ ብሰላም እንግሊዝ በጺሐ። ንኣደይን ንኹሉ ስድራይን ሰላምታ "
                   "❤️",
                   "ኣብ {P} ነጻ ሕጋዊ ምኽሪ ኩሉ ሰሉስን ሓሙስን። ንወለንተኛታት ሕተቱ።",
                   "እንግሊዝን ፈረንሳን ኣንጻር ንኣሽቱ ጀልባታት ሓድሽ ስጉምቲ ንምውሳድ ተሰማሚዖም።",
                   "ፖሊስ ከም ዝበሎ፡ ኣሕለፍቲ ሕጂ ንሓደ ቦታ ኣብ ጀልባ ናብ እንግሊዝ {M} ይሓቱ ኣለዉ። "
                   "ገንዘብ ኣይትሃብዎም።",
                   "ደሓን ሓዲርኩም ኣዕሩኽ 🌞 ጽቡቕ መዓልቲ ይግበረልኩም",
                   "ምስ ቆልዑ ኣብ {P} ኣለና፡ መግቢ ይኹን ድንኳን የብልናን። ዝሕግዘና ሰብ ኣሎ ድዩ?",
                   "ናብ እንግሊዝ ናይ ስድራ ምትእኽኻብ ቪዛ ብኸመይ ክሓትት እኽእል? ጠበቓ ዝፈልጥ ሰብ ኣሎ "
                   "ድዩ?",
                   "ተጠንቀቑ፡ ገለ ሰባት ኣብ ፌስቡክ ገንዘብ ወሲዶም ይጠፍኡ። ንዘይትፈልጥዎ ሰብ ኣብ ሓዋላ "
                   "ገንዘብ ኣይተቐምጡ።",
                   "ኣብ {P} ኩሉ ነገር ክቡር እዩ፡ ካርድ ተሌፎን {S} እዩ።"}},
        [L_EN] = {"en",
                  {"Calais", "Dunkirk", "Gravelines"},
                  {"euro", "pounds", "dollars"},
                  {"📢 GAME every week", "🔥 Boza 🔥"},
                  {"to the UK 🇬🇧", "to London 🇬🇧"},
                  "from {P}",
                  {"by boat 🚤", "by dinghy 🚤", "by lorry 🚛", "by yacht ⛵", "by plane ✈️",
                   "by ship 🚢"},
                  "price {M}",
                  {"100% safe ✅ 💯", "no failure, families welcome"},
                  {"pay on arrival", "money held with saraf (hawala)"},
                  "visa and passport available 🛂",
                  "every day",
                  "📞 contact {C}",
                  "inbox me 📩",
                  "please call {C} 📞",
                  {"Has anyone heard from my brother {N}? He left {P} by boat {X} days ago and "
                   "has not called 😢",
                   "Sad news: a boat sank near {P} last night. Please do not risk your lives "
                   "and your children's 🙏",
                   "Thank God I arrived in England safely. Greetings to my mum and all the "
                   "family ❤️",
                   "Free legal advice in {P} every Tuesday and Thursday. Ask the volunteers.",
                   "The UK and France agreed new measures against small boats.",
                   "Police say smugglers now ask {M} for a place in a boat to the UK. Do not "
                   "pay them.",
                   "Good morning friends 🌞 have a nice day",
                   "We are in {P} with children, no food and no tent. Can anyone help?",
                   "How do I apply for a family reunion visa for the UK? Does anyone know a "
                   "lawyer?",
                   "Be careful: some people on Facebook take money and disappear. Never leave "
                   "money with a saraf for someone you don't know.",
                   "Everything is expensive in {P}, a phone card costs {S}."}},
        [L_FR] = {"fr",
                  {"Calais", "Dunkerque", "Gravelines"},
                  {"euros", "livres", "dollars"},
                  {"📢 Passage chaque semaine", "🔥 Boza 🔥"},
                  {"vers l'Angleterre 🇬🇧", "pour Londres 🇬🇧"},
                  "depuis {P}",
                  {"en bateau 🚤", "en zodiac 🚤", "en camion 🚛", "en voilier ⛵", "en avion ✈️",
                   "en cargo 🚢"},
                  "prix {M}",
                  {"100% garanti ✅ 💯", "sécurisé, familles bienvenues"},
                  {"paiement à l'arrivée", "argent déposé au bureau (hawala)"},
                  "visa et passeport disponibles 🛂",
                  "tous les jours",
                  "📞 contactez {C}",
                  "écrivez-moi en privé 📩",
                  "merci d'appeler {C} 📞",
                  {"Quelqu'un a des nouvelles de mon frère {N} ? Il est parti de {P} en bateau "
                   "il y a {X} jours et n'a pas appelé 😢",
                   "Triste nouvelle : un bateau a coulé près de {P} la nuit dernière. S'il vous "
                   "plaît, ne risquez pas votre vie ni celle de vos enfants 🙏",
                   "Dieu merci, je suis bien arrivé en Angleterre. Bisous à maman et à toute la "
                   "famille ❤️",
                   "Conseil juridique gratuit à {P} chaque mardi et jeudi. Demandez aux "
                   "bénévoles.",
                   "Le Royaume-Uni et la France se sont mis d'accord sur de nouvelles mesures "
                   "contre les small boats.",
                   "Selon la police, les passeurs demandent maintenant {M} pour une place dans "
                   "un bateau vers l'Angleterre. Ne les payez pas.",
                   "Bonjour les amis 🌞 bonne journée à tous",
                   "Nous sommes à {P} avec des enfants, sans nourriture ni tente. Quelqu'un "
                   "peut nous aider ?",
                   "Comment demander un visa de regroupement familial pour le Royaume-Uni ? "
                   "Quelqu'un connaît un avocat ?",
                   "Attention : des gens sur Facebook prennent l'argent et disparaissent. Ne "
                   "laissez jamais d'argent au bureau pour un inconnu.",
                   "Tout est cher à {P}, une carte téléphonique coûte {S}."}},
};
// clang-format on

/* Platforms in the order of sim_social.platform, then WhatsApp channels
 * (background pages only). */
enum { PL_FACEBOOK, PL_TIKTOK, PL_TELEGRAM, PL_INSTAGRAM, PL_WHATSAPP, PL__COUNT };
static const char *const platforms[PL__COUNT] = {"Facebook", "TikTok", "Telegram", "Instagram",
                                                 "WhatsApp"};

static const char *const places_latin[3] = {"Calais", "Dunkirk", "Gravelines"};

/* Facebook groups and channels the captures come from (invented). */
static const char *const groups[] = {"Kurds in Europe",      "Afghans in France",
                                     "Shqiptarët në Londër", "Người Việt tại Pháp",
                                     "Eritreans in Calais",  "Syrians in the UK",
                                     "Iranians in England",  "Sudanese community Dunkirk",
                                     "Refugee news Nord",    "Migrants solidarity"};

/* Display names of burner accounts (brands rather than people). */
static const char *const brands[] = {
        "UK Travel 🇬🇧",  "Europe Trips ✈️", "Safe Way UK",     "سفر أوروبا",
        "گەشتی ئەوروپا", "سفرهای اروپا",        "Udhëtime Londër", "Du lịch Anh Quốc",
        "London Way 🇬🇧", "Voyage Angleterre",   "ጉዕዞ ኤውሮጳ",        "اروپا ته سفر"};

/* Background accounts: news pages, NGOs, diaspora pages and people. */
static const char *const pages[] = {
        "Channel News Today",        "Legal Aid Nord",   "Migrant Help Line",
        "Solidarity Kitchen Calais", "Radio Diaspora",   "Refugee Info Hub",
        "Family Links Search",       "Sea Rescue Watch", "Community Voice UK"};
static const char *const page_handles[] = {
        "channelnewstoday",  "legalaidnord",   "migranthelpline",
        "solidaritykitchen", "radiodiaspora",  "refugeeinfohub",
        "familylinkssearch", "searescuewatch", "communityvoiceuk"};

/* How the capture was made: most from public pages; some from closed groups. */
static const char closed_handling[] =
        "{\"grade\": \"2C\", \"handling\": \"C\", \"conditions\": \"Captured from a closed group "
        "by a covert online account under a directed surveillance authorisation: do not "
        "disclose the capture account or method; UK agencies only\", \"classification\": "
        "\"OFFICIAL-SENSITIVE\", \"originator\": \"UK-OSINT\", \"subject\": \"other\"}";

struct soc {
	struct sim_ctx *c;
	const struct sim_world *w;
	struct sim_file out, truth;
	struct sim_rng r;
	struct iv_buf line, text, prop, name;
	uint64_t posts, adverts;
	unsigned forced[2]; /* adverts and other posts given each language in turn */
	uint32_t next_bg;   /* background account number */
	enum iv_err rc;
};

/* One post being written. */
struct post {
	char id[32], account[32], handle[96];
	const char *author_true; /* "" when not a world person */
	const char *route;
	unsigned lang, cats, platform;
	bool advert;
	const struct sim_fac *fac;     /* burner author, or NULL */
	const struct sim_person *from; /* world author, or NULL */
	char contact[192];             /* what {C} stands for */
	char phones[2][48];            /* numbers in the text */
	uint32_t phone_ix[2];
	unsigned nphones;
	char link[128];      /* link in the text (urlMentioned) */
	uint32_t link_phone; /* phone behind a wa.me link, SIM_NONE otherwise */
	char mention[128];   /* handle or t.me link to another account */
	uint32_t mention_si;
};

static void add(struct soc *s, enum iv_err rc)
{
	if (rc && !s->rc)
		s->rc = rc;
}

/* ---- JSON lines ---------------------------------------------------------------- */

static void line_open(struct soc *s, const char *id, const char *schema)
{
	add(s, sim_ftm_open(&s->line, &s->prop, id, schema));
}

/* Append a value to property prop; the values of one property come together. */
static void val(struct soc *s, const char *prop, const char *v)
{
	add(s, sim_ftm_value(&s->line, &s->prop, prop, v));
}

/* Close the line (handling: a JSON object text, or NULL for the defaults). */
static void line_close(struct soc *s, const char *handling)
{
	struct iv_buf *b = &s->line;

	add(s, sim_ftm_close_properties(b, &s->prop));
	add(s, iv_buf_adds(b, "\"datasets\": [\"" DATASET "\"]"));
	if (handling)
		add(s, iv_buf_addf(b, ", \"handling\": %s", handling));
	add(s, iv_buf_adds(b, "}\n"));
	if (!s->rc)
		add(s, sim_file_write(s->c, &s->out, b));
}

/* ---- rendering ------------------------------------------------------------------ */

static void ascii_lower(const char *in, char *out, size_t size)
{
	size_t n = 0;

	for (const char *p = in; *p && n + 1 < size; p++)
		if (isalpha((unsigned char)*p))
			out[n++] = (char)tolower((unsigned char)*p);
	out[n] = '\0';
}

void sim_username(const struct sim_world *w, uint32_t si, char *out, size_t size)
{
	const struct sim_social *so = &SIM_AT(w->socials, struct sim_social, si);
	const struct sim_person *p = sim_person_of(w, so->owner);
	uint64_t h = sim_hash64(w->seed ^ 0x50c1a1ULL ^ ((uint64_t)si << 22));
	char g[32], fam[32];

	/* A service gives a handle to one account: the name is taken by many
	 * people, so each pattern ends in a number of the account's own (si),
	 * as a service's "ahmed_uk_trip is taken, try ahmed_uk_trip4817". */
	ascii_lower(sim_given(p, 0), g, sizeof(g));
	ascii_lower(sim_family(p, 0), fam, sizeof(fam));
	switch (h % 4) {
	case 0:
		snprintf(out, size, "%s.%s%u", g, fam, (unsigned)si);
		break;
	case 1:
		snprintf(out, size, "%s_uk_trip%u", g, (unsigned)si);
		break;
	case 2:
		snprintf(out, size, "%s%s%u", g, fam, (unsigned)si);
		break;
	default:
		snprintf(out, size, "europe.travel.%s%u", g, (unsigned)si);
	}
}

static unsigned lang_of_group(unsigned g, struct sim_rng *r)
{
	switch (g) {
	case GRP_KURDISH:
		return sim_rng_chance(r, 0.85) ? L_CKB : L_AR;
	case GRP_ARABIC:
		return L_AR;
	case GRP_PERSIAN:
		return L_FA;
	case GRP_AFGHAN:
		return sim_rng_chance(r, 0.5) ? L_PS : L_FA;
	case GRP_TIGRINYA:
		return L_TI;
	case GRP_ALBANIAN:
		return L_SQ;
	case GRP_VIETNAMESE:
		return L_VI;
	case GRP_TURKISH:
		return sim_rng_chance(r, 0.5) ? L_EN : L_AR;
	default:
		return L_EN;
	}
}

/* The name group whose script and names fit a language (for {N}). */
static unsigned group_of_lang(unsigned lang, struct sim_rng *r)
{
	static const unsigned g[L__COUNT] = {GRP_ARABIC,   GRP_KURDISH,  GRP_PERSIAN,
	                                     GRP_AFGHAN,   GRP_ALBANIAN, GRP_VIETNAMESE,
	                                     GRP_TIGRINYA, GRP__COUNT,   GRP__COUNT};
	return g[lang] == GRP__COUNT ? sim_rng_below(r, GRP__COUNT) : g[lang];
}

/* A price as posts write it: "€3500", "3500 euro", "3.5k", "3.500€", "£4,000". */
static void money(struct sim_rng *r, unsigned lang, unsigned amount, const char *cur, char *out,
                  size_t size)
{
	unsigned ci = !strcmp(cur, "GBP") ? 1 : !strcmp(cur, "USD") ? 2 : 0;
	const char *sym = ci == 1 ? "£" : ci == 2 ? "$" : "€";
	const char *word = langs[lang].money[ci];

	switch (sim_rng_below(r, 6)) {
	case 0:
		snprintf(out, size, "%s%u", sym, amount);
		break;
	case 1:
	case 2:
		snprintf(out, size, "%u %s", amount, word);
		break;
	case 3:
		if (amount >= 1000 && amount % 1000)
			snprintf(out, size, "%u.%uk", amount / 1000, amount % 1000 / 100);
		else if (amount >= 1000)
			snprintf(out, size, "%uk %s", amount / 1000, sym);
		else
			snprintf(out, size, "%u%s", amount, sym);
		break;
	case 4:
		if (amount >= 1000)
			snprintf(out, size, "%u.%03u%s", amount / 1000, amount % 1000, sym);
		else
			snprintf(out, size, "%u%s", amount, sym);
		break;
	default:
		if (amount >= 1000)
			snprintf(out, size, "%s%u,%03u", sym, amount / 1000, amount % 1000);
		else
			snprintf(out, size, "%s%u", sym, amount);
	}
}

struct slots {
	const char *P, *M, *S, *C, *N, *X;
};

/* Append tpl to b with its {P} {M} {S} {C} {N} {X} slots filled. */
static IV_MUST_USE enum iv_err fill(struct iv_buf *b, const char *tpl, const struct slots *sl)
{
	enum iv_err rc = IV_OK;

	for (const char *p = tpl; !rc && *p; p++) {
		const char *v = NULL;
		if (p[0] == '{' && p[1] && p[2] == '}') {
			switch (p[1]) {
			case 'P':
				v = sl->P;
				break;
			case 'M':
				v = sl->M;
				break;
			case 'S':
				v = sl->S;
				break;
			case 'C':
				v = sl->C;
				break;
			case 'N':
				v = sl->N;
				break;
			case 'X':
				v = sl->X;
				break;
			default:
				break;
			}
		}
		if (v) {
			rc = iv_buf_adds(b, v);
			p += 2;
		} else {
			rc = iv_buf_addch(b, *p);
		}
	}
	return rc;
}

/* Join fragments: a space, a line break or " | " as posters do. */
static void join(struct soc *s, unsigned style)
{
	if (!s->text.len)
		return;
	add(s, iv_buf_adds(&s->text, style == 0 ? "\n" : style == 1 ? " " : " | "));
}

static void frag(struct soc *s, unsigned style, const char *tpl, const struct slots *sl)
{
	join(s, style);
	add(s, fill(&s->text, tpl, sl));
}

/* ---- contacts -------------------------------------------------------------------- */

/* A number of the author's for the text: noisy, or a wa.me link. */
static void contact_phone(struct soc *s, struct post *p, const struct sim_person *who)
{
	const struct sim_phone *ph;
	uint32_t k;

	if (!who || who->phone == SIM_NONE || p->nphones >= 2)
		return;
	k = who->phone + sim_rng_below(&s->r, who->nphones);
	ph = &SIM_AT(s->w->phones, struct sim_phone, k);
	if (p->advert && sim_rng_chance(&s->r, 0.3)) {
		char e164[48];
		sim_phone_e164(ph, e164, sizeof(e164));
		snprintf(p->link, sizeof(p->link), "https://wa.me/%s", e164 + 1);
		p->link_phone = k;
		snprintf(p->contact, sizeof(p->contact), "%s%s",
		         sim_rng_chance(&s->r, 0.5) ? "" : "WhatsApp ", p->link);
		return;
	}
	sim_phone_noisy(ph, &s->r, p->phones[p->nphones], sizeof(p->phones[0]));
	p->phone_ix[p->nphones] = k;
	snprintf(p->contact, sizeof(p->contact), "%s%s", p->phones[p->nphones],
	         p->advert && sim_rng_chance(&s->r, 0.3) ? " (WhatsApp/Viber)" : "");
	p->nphones++;
}

/* A handle of another of the burner's accounts: "@user" or a t.me link. */
static bool contact_handle(struct soc *s, struct post *p, uint32_t si)
{
	const struct sim_fac *f = p->fac;
	uint32_t other;
	char user[96]; /* sim_username's longest: two names of 31, a prefix and a number */

	if (!f || f->nsocial < 2)
		return false;
	other = f->social + sim_rng_below(&s->r, f->nsocial);
	if (other == si)
		return false;
	sim_username(s->w, other, user, sizeof(user));
	p->mention_si = other;
	if (SIM_AT(s->w->socials, struct sim_social, other).platform == PL_TELEGRAM)
		snprintf(p->mention, sizeof(p->mention), "https://t.me/%s", user);
	else
		snprintf(p->mention, sizeof(p->mention), "@%s", user);
	snprintf(p->contact, sizeof(p->contact), "%s", p->mention);
	return true;
}

/* ---- texts ----------------------------------------------------------------------- */

static unsigned transport_of(enum sim_mode m, struct sim_rng *r)
{
	switch (m) {
	case MODE_LORRY:
		return TR_LORRY;
	case MODE_AIR:
		return TR_PLANE;
	case MODE_YACHT:
		return TR_YACHT;
	case MODE_CARGO_SHIP:
		return TR_SHIP;
	default:
		return sim_rng_chance(r, 0.5) ? TR_BOAT : TR_DINGHY;
	}
}

static const char *place_of(struct sim_rng *r, unsigned lang)
{
	unsigned i = sim_rng_below(r, 3);

	return sim_rng_chance(r, 0.5) ? langs[lang].place[i] : places_latin[i];
}

/* An advert: several categories, always a way to get in touch. */
static void advert_text(struct soc *s, struct post *p, uint32_t si)
{
	const struct lang_text *t = &langs[p->lang];
	const struct sim_cell *cl = &SIM_AT(s->w->cells, struct sim_cell, p->fac->cell);
	const struct sim_route *rt = &sim_routes[cl->route];
	const struct sim_leg_tpl *last = &rt->legs[rt->nlegs - 1];
	struct sim_rng *r = &s->r;
	unsigned style = sim_rng_below(r, 3), tr = transport_of(last->mode, r);
	unsigned amount = (unsigned)sim_rng_range(r, (int)last->price_lo, (int)last->price_hi);
	char price[48];
	struct slots sl = {0};

	amount = (amount + 50) / 100 * 100;
	money(r, p->lang, amount, last->currency, price, sizeof(price));
	sl.P = place_of(r, p->lang);
	sl.M = price;
	p->route = rt->name;
	if (sim_rng_chance(r, 0.6))
		frag(s, style, t->open[sim_rng_below(r, 2)], &sl);
	if (sim_rng_chance(r, 0.95))
		frag(s, style, t->dest[sim_rng_below(r, 2)], &sl), p->cats |= CAT_DEST;
	if (sim_rng_chance(r, tr == TR_PLANE || tr == TR_SHIP ? 0.2 : 0.75))
		frag(s, style, t->depart, &sl), p->cats |= CAT_DEPART;
	if (sim_rng_chance(r, 0.85))
		frag(s, style, t->mode[tr], &sl), p->cats |= CAT_TRANSPORT;
	if (sim_rng_chance(r, 0.4))
		frag(s, style, t->schedule, &sl);
	if (sim_rng_chance(r, 0.7))
		frag(s, style, t->price, &sl), p->cats |= CAT_PRICE;
	if (sim_rng_chance(r, 0.7))
		frag(s, style, t->guarantee[sim_rng_below(r, 2)], &sl), p->cats |= CAT_GUARANTEE;
	if (sim_rng_chance(r, 0.45))
		frag(s, style, t->payment[sim_rng_below(r, 2)], &sl), p->cats |= CAT_PAYMENT;
	if (sim_rng_chance(r, tr == TR_PLANE ? 0.8 : 0.08))
		frag(s, style, t->document, &sl), p->cats |= CAT_DOCUMENT;
	if ((p->cats & (CAT_TRANSPORT | CAT_PRICE)) == 0)
		frag(s, style, t->mode[tr], &sl), p->cats |= CAT_TRANSPORT;
	/* the contact: a number, a link, another handle, or "inbox me" */
	p->contact[0] = '\0';
	if (sim_rng_chance(r, 0.15) || !contact_handle(s, p, si))
		if (sim_rng_chance(r, 0.8))
			contact_phone(s, p, &p->fac->p);
	if (p->contact[0]) {
		sl.C = p->contact;
		frag(s, style, t->contact, &sl);
	} else {
		frag(s, style, t->inbox, &sl);
	}
	p->cats |= CAT_CONTACT;
}

/* Anything else: news, family, warnings, help, chat (hard negatives included). */
static void other_text(struct soc *s, struct post *p, unsigned kind)
{
	const struct lang_text *t = &langs[p->lang];
	struct sim_rng *r = &s->r;
	char price[48], small[48], days[8], name[64];
	struct slots sl = {0};
	unsigned g = group_of_lang(p->lang, r);
	const struct sim_name *n = &sim_groups[g].male[sim_rng_below(r, SIM_NAME_MALE)];

	money(r, p->lang, (unsigned)sim_rng_range(r, 30, 45) * 100, "EUR", price, sizeof(price));
	money(r, p->lang, (unsigned)sim_rng_range(r, 10, 30), "EUR", small, sizeof(small));
	snprintf(days, sizeof(days), "%d", sim_rng_range(r, 2, 15));
	snprintf(name, sizeof(name), "%s",
	         p->lang == L_EN || p->lang == L_FR ? n->latin[0] : n->native);
	sl.P = place_of(r, p->lang);
	sl.M = price;
	sl.S = small;
	sl.X = days;
	sl.N = name;
	frag(s, 1, t->other[kind], &sl);
	p->cats = na_cats[kind];
	/* a relative's appeal or a plea for help may leave the poster's number */
	if ((kind == NA_MISSING || kind == NA_HELP) && p->from && sim_rng_chance(r, 0.5)) {
		contact_phone(s, p, p->from);
		if (p->contact[0]) {
			sl.C = p->contact;
			frag(s, 1, t->call, &sl);
			p->cats |= CAT_CONTACT;
		}
	}
}

/* ---- lines ------------------------------------------------------------------------ */

static void post_url(struct soc *s, const struct post *p, char *out, size_t size)
{
	static const char b64[] =
	        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	uint64_t h = sim_hash64(s->w->seed ^ (s->posts * 0x9e3779b97f4a7c15ULL) ^ 0x5050ULL);
	char code[24];

	switch (p->platform) {
	case PL_FACEBOOK:
		snprintf(
		        out, size, "https://www.facebook.com/groups/%llu/posts/%llu/",
		        (unsigned long long)(100000000000000ULL + h % 900000000000000ULL),
		        (unsigned long long)(1000000000000000ULL + (h >> 7) % 9000000000000000ULL));
		break;
	case PL_TIKTOK:
		snprintf(out, size, "https://www.tiktok.com/@%s/video/%llu", p->handle,
		         (unsigned long long)(7000000000000000000ULL + h % 999999999999999999ULL));
		break;
	case PL_TELEGRAM:
		snprintf(out, size, "https://t.me/%s/%u", p->handle, (unsigned)(h % 20000) + 1);
		break;
	case PL_INSTAGRAM:
		for (unsigned i = 0; i < 11; i++)
			code[i] = b64[(h >> (i * 5)) & 63];
		code[11] = '\0';
		snprintf(out, size, "https://www.instagram.com/p/%s/", code);
		break;
	default:
		for (unsigned i = 0; i < 22; i++)
			code[i] = b64[(sim_hash64(h + i) & 31) + 26];
		code[0] = '0', code[1] = '0', code[2] = '2', code[3] = '9';
		code[22] = '\0';
		snprintf(out, size, "https://whatsapp.com/channel/%s/%u", code,
		         (unsigned)(h % 900) + 100);
	}
}

static void post_write(struct soc *s, struct post *p)
{
	struct sim_rng *r = &s->r;
	int day = sim_rng_range(r, 0, 364), hh = sim_rng_range(r, 0, 23),
	    mm = sim_rng_range(r, 0, 59);
	char date[40], got[16], url[256], tid[16];
	int got_day;
	bool closed = (p->platform == PL_FACEBOOK || p->platform == PL_TELEGRAM) &&
	              sim_rng_chance(r, 0.25);
	unsigned n = 0;
	char cats[128] = "";
	const char *f[6];

	s->posts++;
	snprintf(p->id, sizeof(p->id), "smp-%07llu", (unsigned long long)s->posts);
	sim_day_iso(s->w->year, day, date, sizeof(date));
	snprintf(date + strlen(date), sizeof(date) - strlen(date), "T%02d:%02d:00Z", hh, mm);
	got_day = day + sim_rng_range(r, 0, 10);
	sim_day_iso(s->w->year, got_day > 364 ? 364 : got_day, got, sizeof(got));
	post_url(s, p, url, sizeof(url));
	line_open(s, p->id, "SocialMediaPost");
	val(s, "author", p->account);
	val(s, "platform", platforms[p->platform]);
	val(s, "url", url);
	val(s, "date", date);
	val(s, "retrievedAt", got);
	if (p->platform == PL_FACEBOOK || p->platform == PL_WHATSAPP)
		val(s, "publisher", groups[sim_rng_below(r, sizeof(groups) / sizeof(groups[0]))]);
	val(s, "bodyText", s->text.buf);
	val(s, "language", langs[p->lang].code);
	for (unsigned i = 0; i < p->nphones; i++)
		val(s, "phoneMentioned", p->phones[i]);
	if (p->mention[0])
		val(s, p->mention[0] == '@' ? "handleMentioned" : "urlMentioned", p->mention);
	val(s, "urlMentioned", p->link);
	line_close(s, closed ? closed_handling : NULL);
	for (unsigned i = 0; !s->rc && i < p->nphones; i++)
		add(s, sim_phone_mention(s->c, SRC, p->id, "phoneMentioned", p->phones[i],
		                         p->phone_ix[i]));
	if (!s->rc && p->link[0] && p->link_phone != SIM_NONE)
		add(s, sim_phone_mention(s->c, SRC, p->id, "urlMentioned", p->link, p->link_phone));
	if (!s->rc && p->mention[0]) {
		snprintf(tid, sizeof(tid), "SM%07u", p->mention_si);
		add(s, sim_mention(s->c, SRC, p->id,
		                   p->mention[0] == '@' ? "handleMentioned" : "urlMentioned",
		                   p->mention, "account", tid));
	}
	for (unsigned c = 0; c < CAT__COUNT; c++)
		if (p->cats & (1u << c))
			n += (unsigned)snprintf(cats + n, sizeof(cats) - n, "%s%s", n ? ";" : "",
			                        cat_names[c]);
	f[0] = p->id, f[1] = p->advert ? "1" : "0", f[2] = langs[p->lang].code;
	f[3] = p->author_true, f[4] = cats, f[5] = p->route ? p->route : "";
	if (!s->rc)
		add(s, sim_csv_row(s->c, &s->truth, f, 6));
	s->adverts += p->advert;
}

/* A post by the author in p (account, platform, handle set); kind < 0: advert. */
static void post(struct soc *s, struct post *p, int kind, unsigned lang, uint32_t si)
{
	unsigned *turn = &s->forced[kind < 0 ? 0 : 1];

	p->lang = *turn < L__COUNT ? (*turn)++ : lang; /* every language early on */
	p->advert = kind < 0;
	p->cats = 0;
	p->route = NULL;
	p->nphones = 0;
	p->contact[0] = p->link[0] = p->mention[0] = '\0';
	p->link_phone = p->mention_si = SIM_NONE;
	iv_buf_reset(&s->text);
	if (kind < 0)
		advert_text(s, p, si);
	else
		other_text(s, p, (unsigned)kind);
	post_write(s, p);
}

/* The UserAccount line of an author; phone: shown on the profile, or SIM_NONE. */
static void account_write(struct soc *s, const struct post *p, const char *display, uint32_t si,
                          uint32_t phone)
{
	char ph[48] = "", tid[16];

	line_open(s, p->account, "UserAccount");
	val(s, "name", display);
	val(s, "alias", p->handle);
	val(s, "service", platforms[p->platform]);
	val(s, "username", p->handle);
	if (phone != SIM_NONE) {
		sim_phone_noisy(&SIM_AT(s->w->phones, struct sim_phone, phone), &s->r, ph,
		                sizeof(ph));
		val(s, "phone", ph);
	}
	line_close(s, NULL);
	if (!s->rc && *ph)
		add(s, sim_phone_mention(s->c, SRC, p->account, "phone", ph, phone));
	if (!s->rc && si != SIM_NONE) {
		snprintf(tid, sizeof(tid), "SM%07u", si);
		add(s, sim_mention(s->c, SRC, p->account, "username", p->handle, "account", tid));
	}
}

/* ---- authors ---------------------------------------------------------------------- */

static const unsigned burner_other[] = {NA_CHAT, NA_NEWS, NA_DROWNING, NA_ARRIVED, NA_PRICES};
static const double other_w[NA__COUNT] = {
        [NA_MISSING] = 14, [NA_DROWNING] = 8, [NA_ARRIVED] = 12, [NA_LEGAL] = 6,
        [NA_NEWS] = 8,     [NA_PRICES] = 5,   [NA_CHAT] = 20,    [NA_HELP] = 10,
        [NA_VISA] = 6,     [NA_SCAM] = 4,     [NA_COST] = 7};

/* Adverts speak to the clients: the recruiter's own language, his clients'
 * (by the year's nationality mix), or English and French. */
static unsigned advert_lang(struct soc *s, unsigned own)
{
	static const unsigned nat_lang[NAT__COUNT] = {
	        [NAT_IR] = L_FA, [NAT_IQ] = L_CKB, [NAT_AF] = L_PS, [NAT_SY] = L_AR,
	        [NAT_ER] = L_TI, [NAT_SD] = L_AR,  [NAT_AL] = L_SQ, [NAT_VN] = L_VI,
	        [NAT_TR] = L_EN, [NAT_PK] = L_EN};
	double natw[NAT__COUNT];
	unsigned x = sim_rng_below(&s->r, 100);

	if (x < 55)
		return own;
	if (x < 85) {
		sim_nat_weights(s->w->year, natw);
		return nat_lang[sim_rng_weighted(&s->r, natw, NAT__COUNT)];
	}
	return sim_rng_chance(&s->r, 0.6) ? L_EN : L_FR;
}

/* A world account: a recruiter's burner (mostly adverts) or a migrant's. */
static void world_account(struct soc *s, uint32_t si, double captured)
{
	const struct sim_world *w = s->w;
	const struct sim_social *so = &SIM_AT(w->socials, struct sim_social, si);
	const struct sim_person *who = sim_person_of(w, so->owner);
	bool burner = (so->owner & SIM_PERSON_FAC) != 0;
	struct sim_rng *r = &s->r;
	struct post p;
	char tid[16];
	uint32_t phone = SIM_NONE;
	unsigned nposts, own;

	nposts = sim_rng_chance(r, captured) ? (unsigned)sim_rng_range(r, 1, 3) : 0;
	if (!nposts)
		return;
	memset(&p, 0, sizeof(p));
	p.platform = so->platform % 4;
	p.fac = burner ? &SIM_AT(w->facs, struct sim_fac, so->owner & ~SIM_PERSON_FAC) : NULL;
	p.from = who;
	snprintf(p.account, sizeof(p.account), "sma-%07u", si);
	sim_username(w, si, p.handle, sizeof(p.handle));
	sim_true_id(so->owner, tid, sizeof(tid));
	p.author_true = tid;
	iv_buf_reset(&s->name);
	if (burner && sim_rng_chance(r, 0.6))
		add(s, iv_buf_adds(&s->name,
		                   brands[sim_rng_below(r, sizeof(brands) / sizeof(brands[0]))]));
	else if (burner)
		add(s, sim_nickname(&s->name, who));
	else
		add(s,
		    sim_name(&s->name, who, sim_rng_chance(r, 0.3) ? NAME_NATIVE : NAME_NOISY, r));
	if (who->phone != SIM_NONE && sim_rng_chance(r, p.platform == PL_TELEGRAM ? 0.6
	                                                : burner                  ? 0.35
	                                                                          : 0.15))
		phone = who->phone + sim_rng_below(r, who->nphones);
	account_write(s, &p, s->name.buf, si, phone);
	own = lang_of_group(who->group, r);
	for (unsigned i = 0; i < nposts && !s->rc; i++) {
		if (burner && sim_rng_chance(r, BURNER_ADVERT_SHARE)) {
			post(s, &p, -1, advert_lang(s, own), si);
		} else if (burner) {
			post(s, &p, (int)burner_other[sim_rng_below(r, 5)], own, si);
		} else {
			post(s, &p, (int)sim_rng_weighted(r, other_w, NA__COUNT),
			     sim_rng_chance(r, 0.1) ? (sim_rng_chance(r, 0.6) ? L_EN : L_FR) : own,
			     si);
		}
	}
}

/* A page or a person outside the world: never adverts. */
static void background_account(struct soc *s)
{
	struct sim_rng *r = &s->r;
	struct post p;
	unsigned nposts = (unsigned)sim_rng_range(r, 1, 4), lang = sim_rng_below(r, L__COUNT);
	uint32_t n = s->next_bg++;
	char display[128];

	memset(&p, 0, sizeof(p));
	p.author_true = "";
	p.platform = sim_rng_below(r, PL__COUNT);
	snprintf(p.account, sizeof(p.account), "smb-%07u", n);
	if (sim_rng_chance(r, 0.3)) {
		unsigned k = sim_rng_below(r, sizeof(pages) / sizeof(pages[0]));
		snprintf(display, sizeof(display), "%s", pages[k]);
		snprintf(p.handle, sizeof(p.handle), "%s%u", page_handles[k], n % 97);
	} else {
		unsigned g = group_of_lang(lang, r);
		const struct sim_name_group *ng = &sim_groups[g];
		const struct sim_name *gv = &ng->male[sim_rng_below(r, SIM_NAME_MALE)];
		const struct sim_name *fm = &ng->family[sim_rng_below(r, SIM_NAME_FAMILY)];
		char a[32], b[32];
		snprintf(display, sizeof(display), "%s %s", gv->latin[0], fm->latin[0]);
		ascii_lower(gv->latin[0], a, sizeof(a));
		ascii_lower(fm->latin[0], b, sizeof(b));
		snprintf(p.handle, sizeof(p.handle), "%s_%s%u", a, b, n % 1000);
		if (p.platform == PL_WHATSAPP)
			p.platform = PL_FACEBOOK;
	}
	account_write(s, &p, display, SIM_NONE, SIM_NONE);
	for (unsigned i = 0; i < nposts && !s->rc; i++)
		post(s, &p, (int)sim_rng_weighted(r, other_w, NA__COUNT),
		     sim_rng_chance(r, 0.7) ? lang : sim_rng_below(r, L__COUNT), SIM_NONE);
}

enum iv_err sim_write_social(struct sim_ctx *c)
{
	static const char *const header[] = {"post_id",        "is_advert",  "language",
	                                     "author_true_id", "categories", "route"};
	struct soc s;
	uint64_t nbg, community = 0;
	double other;
	enum iv_err rc;

	memset(&s, 0, sizeof(s));
	s.c = c;
	s.w = c->w;
	sim_rng_seed(&s.r, c->w->seed, ((uint64_t)'S' << 8) | 'M');
	rc = sim_file_open(c, &s.out, SRC);
	if (rc)
		return rc;
	rc = sim_file_open(c, &s.truth, "truth/posts.csv");
	if (rc)
		return sim_file_abort(c, &s.out, rc);
	add(&s, sim_csv_row(c, &s.truth, header, 6));
	/* burners first, then migrants' accounts sized on the adverts written */
	for (int pass = 0; pass < 2 && !s.rc; pass++) {
		double captured = 1.0;
		if (pass == 1) {
			other = (double)s.adverts * (1 - ADVERT_SHARE) / ADVERT_SHARE -
			        (double)(s.posts - s.adverts);
			captured = other * COMMUNITY_PART / 2 / (double)(community ? community : 1);
		}
		for (size_t si = 0; !s.rc && si < s.w->socials.len; si++) {
			bool burner = (SIM_AT(s.w->socials, struct sim_social, si).owner &
			               SIM_PERSON_FAC) != 0;
			community += pass == 0 && !burner;
			if (burner == (pass == 0))
				world_account(&s, (uint32_t)si, captured > 1 ? 1 : captured);
		}
		sim_progress(c, SRC, (uint64_t)pass + 1, 3);
	}
	/* background pages and people take the rest (2.5 posts each) */
	other = (double)s.adverts * (1 - ADVERT_SHARE) / ADVERT_SHARE -
	        (double)(s.posts - s.adverts);
	nbg = other > 0 ? (uint64_t)(other / 2.5) + 10 : 10;
	for (uint64_t i = 0; !s.rc && i < nbg; i++)
		background_account(&s);
	rc = s.rc;
	if (rc && !(c->err && c->err->len))
		rc = iv_seterr(c->err, rc, "out of memory");
	c->rep->records += s.out.rows;
	c->rep->posts += s.posts;
	c->rep->adverts += s.adverts;
	c->rep->files++;
	iv_buf_release(&s.line);
	iv_buf_release(&s.text);
	iv_buf_release(&s.prop);
	iv_buf_release(&s.name);
	rc = sim_file_abort(c, &s.truth, rc);
	return sim_file_abort(c, &s.out, rc);
}
