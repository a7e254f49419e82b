namespace Gdpr.Workflows.Samples.Seeding;

/// <summary>The word lists the seeder draws from. Only reserved example domains and Ofcom drama phone ranges are used.</summary>
internal static class SampleNames
{
    public static readonly string[] FirstNames =
    [
        "Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Isabella", "Rosie", "Sophia", "Grace", "Freya", "Ella", "Poppy",
        "Evie", "Charlotte", "Florence", "Willow", "Emily", "Sienna", "Aisha", "Priya", "Zara", "Niamh", "Siobhan", "Megan", "Hannah",
        "Chloe", "Ruby", "Alice", "Noah", "Oliver", "George", "Arthur", "Muhammad", "Leo", "Harry", "Oscar", "Archie", "Henry",
        "Theodore", "Freddie", "Jack", "Charlie", "Thomas", "Alfie", "Jacob", "William", "Isaac", "James", "Rhys", "Dylan", "Callum",
        "Ewan", "Rory", "Arjun", "Kofi", "Tomasz", "Mateusz", "Daniel",
    ];

    public static readonly string[] LastNames =
    [
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson", "Wright", "Thompson",
        "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Thomas", "Clarke", "Jackson", "Wood", "Harris", "Edwards", "Turner",
        "Martin", "Cooper", "Hill", "Ward", "Hughes", "Moore", "Clark", "King", "Harrison", "Lewis", "Baker", "Lee", "Allen", "Morris",
        "Khan", "Scott", "Watson", "Davis", "Parker", "James", "Bennett", "Young", "Phillips", "Richardson", "Mitchell", "Bailey",
        "Carter", "Cook", "Singh", "Shaw", "Bell", "Collins", "Morgan", "Kelly", "Begum", "O'Brien", "Nowak", "Mensah", "Campbell",
    ];

    /// <summary>Domains reserved for documentation (RFC 2606), so no real mailbox is ever named.</summary>
    public static readonly string[] EmailDomains = ["example.com", "example.org", "example.net", "mail.example.com", "post.example.org"];

    public static readonly string[] Streets =
    [
        "High Street", "Station Road", "Church Lane", "Victoria Road", "Mill Lane", "Park Avenue", "Queen Street", "Kings Road",
        "Manor Way", "Springfield Road", "The Crescent", "Orchard Close", "Chapel Street", "Green Lane", "North Road",
    ];

    public static readonly (string Town, string Postcode)[] Towns =
    [
        ("Leeds", "LS"), ("Sheffield", "S"), ("Bristol", "BS"), ("Manchester", "M"), ("Birmingham", "B"), ("Cardiff", "CF"),
        ("Newcastle upon Tyne", "NE"), ("Norwich", "NR"), ("Exeter", "EX"), ("York", "YO"), ("Glasgow", "G"), ("Edinburgh", "EH"),
        ("Belfast", "BT"), ("Brighton", "BN"), ("Nottingham", "NG"),
    ];

    /// <summary>Ofcom's ranges for drama (never allocated): national display prefix and E.164 prefix, 1000 numbers each.</summary>
    public static readonly (string Display, string E164)[] PhoneRanges =
    [
        ("07700 900", "+447700900"), ("020 7946 0", "+442079460"), ("0113 496 0", "+441134960"), ("0114 496 0", "+441144960"),
        ("0115 496 0", "+441154960"), ("0116 496 0", "+441164960"), ("0117 496 0", "+441174960"), ("0118 496 0", "+441184960"),
        ("0121 496 0", "+441214960"), ("0131 496 0", "+441314960"), ("0141 496 0", "+441414960"), ("0151 496 0", "+441514960"),
        ("0161 496 0", "+441614960"), ("0191 498 0", "+441914980"), ("029 2018 0", "+442920180"), ("01632 960", "+441632960"),
    ];

    public static readonly string[] NoteTemplates =
    [
        "{0} called about a late delivery; refund agreed.",
        "{0} prefers to be contacted by email after 5pm.",
        "Sent {0} a replacement voucher after the website outage.",
        "{0} asked about the loyalty scheme.",
    ];

    public static readonly string[] Consents = ["newsletter", "sms-offers", "partner-offers"];

    public static readonly string[] MarketingSources = ["web-signup", "checkout", "competition-2023", "in-store", "trade-show-2019"];

    public static readonly string[] TicketSubjects =
    [
        "Parcel not delivered", "Wrong size sent", "Refund not received", "Cannot log in", "Change delivery address", "Damaged item",
    ];

    public static readonly string[] MessageTemplates =
    [
        "Hello, this is {0}. My order {1} has not arrived yet.",
        "Hi {0}, sorry about that - we have raised it with the carrier.",
        "Thanks. Please send the refund to the card I paid with. {0}",
        "Hi {0}, the replacement for {1} is on its way.",
    ];
}
