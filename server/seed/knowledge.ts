import type { Article, Snippet } from '../../lib/schema/entities';
import { slugify } from './prng';

/** One help-centre article before it becomes a record: the text, and where it belongs. */
interface Spec {
  category: string;
  title: string;
  summary: string;
  intro?: string;
  stepsHeading?: string;
  steps: string[];
  notes: string[];
  tags?: string[];
  language?: 'en' | 'de';
  draft?: boolean;
  teamIds?: string[];
}

const CONTACT: Record<string, string> = {
  billing: 'If your bill still looks wrong, chat with us in the Northwind app under **Help > Billing** and we will go through it line by line.',
  roaming: 'Abroad and stuck? Call **+44 7700 900 150** from any phone; calls to this number are free from your Northwind SIM.',
  esim: 'If the eSIM still does not activate, visit a Northwind store with photo ID and we can issue a new profile on the spot.',
  outages: 'You can follow live updates on **status.northwind.example** and sign up there for text alerts for your postcode.',
  'app-login': 'Still locked out? Call us on **150** from your Northwind phone and an agent can unlock your account after a security check.',
  'password-reset': 'If none of these work, visit a store with photo ID and we will reset your details in person.',
  porting: 'Our porting team works Monday to Saturday, 8:00 to 20:00, and can be reached in chat under **Help > Switching to Northwind**.',
  refunds: 'Refunds go back to the original payment method. If one has not arrived after 10 working days, contact us and quote your refund reference.',
  repairs: 'Track any repair in the app under **Devices > Repairs**, or ask in store with your repair reference.',
  'data-plans': 'Not sure which plan suits you? Our plan checker in the app looks at your last three months of usage and suggests one.',
  contracts: 'Contract questions can be answered in chat, by phone on **150**, or in any Northwind store.',
  privacy: 'Questions about your data can be sent to our Data Protection Officer at **privacy@northwind.example**.',
  accessibility: 'Our Extra Care team can be reached on **0800 012 3456** (free) or by text relay on **18001 0800 012 3456**.',
};

const s = (category: string, title: string, summary: string, steps: string[], notes: string[], extra: Partial<Spec> = {}): Spec => ({
  category,
  title,
  summary,
  steps,
  notes,
  ...extra,
});

// ---------------------------------------------------------------- roaming
const ROAMING_DESTINATIONS: [country: string, zone: 'Europe' | 'World 1' | 'World 2', partner: string, dailyPrice: string][] = [
  ['France', 'Europe', 'Orange F and SFR', '£2.50'],
  ['Spain', 'Europe', 'Movistar and Vodafone ES', '£2.50'],
  ['Italy', 'Europe', 'TIM and WindTre', '£2.50'],
  ['Germany', 'Europe', 'Telekom and O2 DE', '£2.50'],
  ['Portugal', 'Europe', 'MEO and NOS', '£2.50'],
  ['Greece', 'Europe', 'Cosmote and Nova', '£2.50'],
  ['Netherlands', 'Europe', 'KPN and Odido', '£2.50'],
  ['Ireland', 'Europe', 'Three IE and Eir', '£2.50'],
  ['Croatia', 'Europe', 'HT and A1 HR', '£2.50'],
  ['Switzerland', 'World 1', 'Swisscom and Sunrise', '£5.00'],
  ['Turkey', 'World 1', 'Turkcell', '£5.00'],
  ['United States', 'World 1', 'T-Mobile US and AT&T', '£5.00'],
  ['Canada', 'World 1', 'Rogers and Bell', '£5.00'],
  ['Australia', 'World 1', 'Telstra and Optus', '£5.00'],
  ['New Zealand', 'World 1', 'One NZ and Spark', '£5.00'],
  ['United Arab Emirates', 'World 2', 'Etisalat and du', '£7.50'],
  ['Japan', 'World 2', 'NTT Docomo and SoftBank', '£7.50'],
  ['Thailand', 'World 2', 'AIS and True', '£7.50'],
  ['India', 'World 2', 'Airtel and Jio', '£7.50'],
  ['Mexico', 'World 2', 'Telcel', '£7.50'],
  ['South Africa', 'World 2', 'Vodacom and MTN', '£7.50'],
  ['Brazil', 'World 2', 'Vivo and Claro', '£7.50'],
  ['Egypt', 'World 2', 'Vodafone EG and Orange EG', '£7.50'],
  ['Morocco', 'World 2', 'Maroc Telecom and inwi', '£7.50'],
  ['Poland', 'Europe', 'Play and Orange PL', '£2.50'],
  ['Belgium', 'Europe', 'Proximus and Base', '£2.50'],
  ['Austria', 'Europe', 'A1 AT and Magenta', '£2.50'],
  ['Sweden', 'Europe', 'Telia and Tele2', '£2.50'],
  ['Norway', 'Europe', 'Telenor and Telia NO', '£2.50'],
  ['Iceland', 'Europe', 'Síminn and Nova IS', '£2.50'],
  ['Singapore', 'World 2', 'Singtel and StarHub', '£7.50'],
  ['Vietnam', 'World 2', 'Viettel and Vinaphone', '£7.50'],
];

const roaming: Spec[] = [
  ...ROAMING_DESTINATIONS.map(([country, zone, partner, price]) =>
    s(
      'roaming',
      `Using your Northwind phone in ${country}`,
      `${country} is in our ${zone} roaming zone: here is what it costs and how to get connected when you land.`,
      [
        'Before you travel, open the Northwind app and check that **Roaming** is switched on under **Account > Services**.',
        `On arrival in ${country}, turn your phone off and on again so it registers with a partner network (${partner}).`,
        `Make sure **Data roaming** is on in your phone settings; you will get a welcome text with the ${zone} prices.`,
        zone === 'Europe'
          ? 'Use your allowance as you would at home; it is covered by Roam Like Home on Unlimited and Go plans.'
          : `Add a Roam Pass for ${price} a day in the app, or pay as you go at the standard ${zone} rates.`,
        'If you have no signal after ten minutes, choose a partner network manually under **Settings > Mobile network > Network operators**.',
      ],
      [
        `${zone === 'Europe' ? 'Roam Like Home has a fair use limit of 30 GB a month.' : `A Roam Pass in ${country} includes your usual minutes, texts and data for 24 hours from your first use.`}`,
        'Calls to UK numbers from abroad are charged at the roaming rate, but receiving calls on a Roam Pass is free.',
      ],
      { tags: ['roaming', 'travel', slugify(country)], stepsHeading: 'Getting connected' },
    ),
  ),
  s('roaming', 'How Roam Passes work', 'A Roam Pass lets you use your UK allowance abroad for a fixed daily price.', [
    'Open the Northwind app and go to **Add-ons > Roaming**.',
    'Pick the zone you are travelling to and the number of days.',
    'Confirm the purchase; the pass starts the first time you use your phone abroad, not when you buy it.',
    'Check your remaining pass days at any time under **Usage > Roaming**.',
  ], ['Unused days are refunded automatically when a pass ends early because you came home.', 'Passes do not cover calls to premium or satellite numbers.'], { tags: ['roaming', 'roam-pass'] }),
  s('roaming', 'Avoid roaming charges on cruises and flights', 'Ships and planes use satellite networks that are not covered by any roaming plan or pass.', [
    'Before boarding, switch on **Airplane mode**.',
    'If you need to connect, use the ship or airline Wi-Fi instead of mobile data.',
    'Turn off **Data roaming** so apps cannot update in the background if you switch Airplane mode off.',
    'Check your usage in the app when you are back on land.',
  ], ['Maritime and in-flight networks are charged at £6 per MB and £5 per minute.', 'We send a text when your phone first connects to a satellite network.'], { tags: ['roaming', 'cruise', 'charges'] }),
  s('roaming', 'Turn data roaming on or off', 'Control whether your phone uses mobile data outside the UK.', [
    'On iPhone, go to **Settings > Mobile Service > Mobile Data Options** and switch **Data Roaming**.',
    'On Android, go to **Settings > Network & internet > SIMs** and switch **Roaming**.',
    'In the Northwind app you can also block roaming for the whole account under **Account > Services > Roaming**.',
  ], ['Blocking roaming in the app also stops calls and texts abroad.', 'Changes in the app take up to 15 minutes to reach the network.'], { tags: ['roaming', 'settings'] }),
  s('roaming', 'Fair use when roaming in Europe', 'Roam Like Home in Europe is meant for trips, not for living abroad permanently.', [
    'Check how many days you have spent abroad in the last four months under **Usage > Roaming**.',
    'If you spend more time abroad than in the UK, we will text you a warning first.',
    'After the warning you have 14 days to use your phone more in the UK before a surcharge applies.',
  ], ['The surcharge is 5p per MB, 3p per minute and 1p per text.', 'Students studying abroad can ask us for an exemption.'], { tags: ['roaming', 'fair-use', 'europe'] }),
];

// ---------------------------------------------------------------- eSIM
const ESIM_DEVICES: [device: string, path: string][] = [
  ['iPhone 16', '**Settings > Mobile Service > Add eSIM**'],
  ['iPhone 15', '**Settings > Mobile Service > Add eSIM**'],
  ['iPhone SE (3rd generation)', '**Settings > Mobile Data > Add eSIM**'],
  ['Samsung Galaxy S25', '**Settings > Connections > SIM manager > Add eSIM**'],
  ['Samsung Galaxy Z Flip6', '**Settings > Connections > SIM manager > Add eSIM**'],
  ['Samsung Galaxy A55', '**Settings > Connections > SIM manager > Add eSIM**'],
  ['Google Pixel 9', '**Settings > Network & internet > SIMs > Add SIM**'],
  ['Google Pixel 8a', '**Settings > Network & internet > SIMs > Add SIM**'],
  ['Motorola edge 50', '**Settings > Network & internet > SIMs > Download a SIM instead**'],
  ['Apple Watch Series 10', 'the **Watch app > Mobile Service > Set Up Mobile Service**'],
  ['Samsung Galaxy Watch7', 'the **Galaxy Wearable app > Watch settings > Mobile networks**'],
  ['iPad Air (M2)', '**Settings > Mobile Data > Set Up Mobile Data**'],
  ['iPhone 14', '**Settings > Mobile Service > Add eSIM**'],
  ['Samsung Galaxy S24', '**Settings > Connections > SIM manager > Add eSIM**'],
  ['Google Pixel 9 Pro Fold', '**Settings > Network & internet > SIMs > Add SIM**'],
  ['Xiaomi 14T', '**Settings > SIM cards & mobile networks > Manage eSIM**'],
];

const esim: Spec[] = [
  ...ESIM_DEVICES.map(([device, path]) =>
    s('esim', `Set up an eSIM on your ${device}`, `Activate your Northwind eSIM on a ${device} using the QR code or the Northwind app.`, [
      'Connect to Wi-Fi and make sure your device is updated to the latest software.',
      'Open the email titled **Your Northwind eSIM is ready**, or find the QR code in the app under **Account > SIM**.',
      `On the ${device}, open ${path}.`,
      'Scan the QR code with the camera when asked, then give the plan a label such as "Northwind".',
      'Wait for the **Activated** message; it can take up to 15 minutes for calls and data to start working.',
    ], [
      'Each QR code can only be used once. If scanning fails, ask us for a new code instead of trying again.',
      device.includes('Watch') ? 'Your watch shares your phone number, so your phone must also be on a Northwind plan.' : 'Keep your old SIM until the eSIM shows full signal, in case you need to call us.',
    ], { tags: ['esim', 'setup', slugify(device)] }),
  ),
  s('esim', 'Move your eSIM to a new phone', 'Transfer your Northwind eSIM when you upgrade, without changing your number.', [
    'Keep your old phone switched on and connected to Wi-Fi.',
    'In the Northwind app on the old phone, go to **Account > SIM > Move eSIM to a new device**.',
    'Confirm with the code we text you.',
    'Scan the new QR code on your new phone.',
    'Your old eSIM stops working once the new one activates.',
  ], ['iPhone to iPhone transfers can also be done during iPhone setup with **Transfer from Nearby iPhone**.', 'Moving between Android and iPhone always needs a new QR code.'], { tags: ['esim', 'upgrade'] }),
  s('esim', 'Switch from a physical SIM to an eSIM', 'Swap your plastic SIM for an eSIM at no cost.', [
    'Check your phone supports eSIM in our device checker.',
    'In the app go to **Account > SIM > Switch to eSIM**.',
    'Pass the security check with a code sent to your current SIM.',
    'Scan the QR code we show you; your physical SIM stops working when the eSIM activates.',
  ], ['There is no charge to switch.', 'Keep the physical SIM until everything works, then cut it up.'], { tags: ['esim', 'sim-swap'] }),
  s('esim', 'My eSIM QR code does not work', 'What to do when your phone says the eSIM cannot be added.', [
    'Make sure you are on Wi-Fi, not mobile data.',
    'Check the date and time on your phone are set automatically.',
    'Restart the phone and try scanning again once.',
    'If you see **This code is no longer valid**, request a new code in the app under **Account > SIM > Resend eSIM**.',
  ], ['A code used on another phone cannot be reused.', 'Company-managed phones may block eSIM installs; ask your IT team.'], { tags: ['esim', 'troubleshooting'] }),
  s('esim', 'Delete an eSIM safely', 'Remove an eSIM from your phone without losing your number.', [
    'Before you delete, make sure you have a new eSIM or SIM ready.',
    'On iPhone go to **Settings > Mobile Service**, choose the plan and tap **Delete eSIM**.',
    'On Android open **SIMs**, pick the Northwind SIM and tap **Erase SIM**.',
  ], ['Deleting an eSIM does not cancel your plan; you keep paying until you cancel.', 'If you deleted one by mistake, ask us for a replacement code.'], { tags: ['esim'] }),
];

// ---------------------------------------------------------------- repairs
const REPAIR_DEVICES: [device: string, screen: string, battery: string][] = [
  ['iPhone 16', '£279', '£95'],
  ['iPhone 15', '£249', '£95'],
  ['iPhone 14', '£229', '£89'],
  ['Samsung Galaxy S25', '£239', '£79'],
  ['Samsung Galaxy S24', '£219', '£79'],
  ['Samsung Galaxy A55', '£129', '£59'],
  ['Google Pixel 9', '£199', '£75'],
  ['Google Pixel 8a', '£149', '£65'],
  ['Northwind Nova 5G', '£89', '£39'],
  ['Samsung Galaxy Z Flip6', '£329', '£99'],
  ['iPhone 13', '£199', '£89'],
  ['Google Pixel 9 Pro', '£229', '£79'],
  ['Samsung Galaxy S23', '£189', '£69'],
  ['Samsung Galaxy A35', '£109', '£55'],
  ['Nothing Phone (2a)', '£99', '£49'],
];

const repairs: Spec[] = [
  ...REPAIR_DEVICES.map(([device, screen, battery]) =>
    s('repairs', `${device} repairs: screens, batteries and water damage`, `Prices and turnaround for repairing a ${device} through Northwind.`, [
      'Back up your phone and turn off **Find My** or **Find My Mobile**.',
      'Book a repair in the app under **Devices > Repairs > Book a repair**, or walk into a store.',
      'Choose courier collection or drop-off; we send a prepaid box for couriers within two working days.',
      'We text you a quote before any work starts if we find more damage than you reported.',
      'Most repairs are back with you within five working days.',
    ], [
      `Out of warranty, a screen replacement costs ${screen} and a battery replacement ${battery}.`,
      'Liquid damage is assessed first; if it cannot be repaired, you only pay the £25 assessment fee.',
    ], { tags: ['repairs', slugify(device)] }),
  ),
  s('repairs', 'Track your repair', 'See where your device is in the repair process.', [
    'Open the Northwind app and go to **Devices > Repairs**.',
    'Select the repair to see its status: received, diagnosing, awaiting approval, repairing or on its way back.',
    'Approve any quote from this screen so the repair is not held up.',
  ], ['You can also track with your repair reference on help.northwind.example/repairs.', 'Repairs waiting for approval for 14 days are returned unrepaired.'], { tags: ['repairs', 'tracking'] }),
  s('repairs', 'Get a loan phone while yours is repaired', 'Borrow a phone for free while your device is with our repair centre.', [
    'Ask for a loan phone when you drop your device off in store.',
    'Move your SIM into the loan phone, or ask us to put a temporary eSIM on it.',
    'Return the loan phone when you collect your repaired device.',
  ], ['Loan phones are available to customers with Device Care or on Unlimited Plus.', 'A £60 charge applies if a loan phone is not returned within 14 days.'], { tags: ['repairs', 'loan-phone'] }),
  s('repairs', 'Device Care excess fees explained', 'What you pay when you claim on Northwind Device Care.', [
    'Check your Device Care level in the app under **Devices > Protection**.',
    'Start a claim in the same place and describe what happened.',
    'Pay the excess shown for your device and claim type before we repair or replace it.',
  ], ['Excess fees range from £25 for a screen repair to £129 for a replacement phone.', 'You can make two claims in any 12 months.'], { tags: ['repairs', 'insurance', 'device-care'] }),
  s('repairs', 'Back up your phone before a repair', 'Repairs can wipe your phone, so save your photos, messages and apps first.', [
    'On iPhone, go to **Settings > your name > iCloud > iCloud Backup** and tap **Back Up Now**.',
    'On Android, go to **Settings > Google > Backup** and tap **Back up now**.',
    'Write down any two-step verification apps you use and move them to another device.',
    'Remove your SIM and memory card before you hand the phone in.',
  ], ['We cannot recover data from a phone once it is repaired or replaced.', 'WhatsApp chats need their own backup from **WhatsApp > Settings > Chats**.'], { tags: ['repairs', 'backup'] }),
];

// ---------------------------------------------------------------- outages
const outages: Spec[] = [
  s('outages', 'Check for network problems in your area', 'Find out whether a fault is on our network or with your phone.', [
    'Open **status.northwind.example** or the **Network status** tile in the app.',
    'Enter your postcode to see faults and planned work near you.',
    'If nothing is listed, restart your phone and check again in a different spot.',
    'Still no service? Report it from the status page so our engineers can see it.',
  ], ['Reports from several customers in one area help us find faults faster.', 'Planned work is usually done between midnight and 6:00.'], { tags: ['outage', 'network-status'] }),
  s('outages', 'No signal after a storm or power cut', 'Masts can lose power in bad weather; here is what to expect.', [
    'Check the status page for your postcode.',
    'Turn on **Wi-Fi Calling** if you have broadband, so calls still work.',
    'Keep your phone charged; it uses more battery while searching for signal.',
  ], ['Most masts have battery backup for two to four hours.', 'In an emergency, 999 calls use any available network even without Northwind signal.'], { tags: ['outage', 'weather'] }),
  s('outages', 'Calls drop or cut out indoors', 'Thick walls and modern glass can block mobile signal inside buildings.', [
    'Switch on **Wi-Fi Calling** in your phone settings.',
    'On iPhone go to **Settings > Mobile Service > Wi-Fi Calling**; on Android go to **Settings > Network & internet > Calls & SMS**.',
    'Make a test call near a window to compare.',
    'If calls still drop outdoors too, report a fault in the app.',
  ], ['Wi-Fi Calling costs the same as normal calls and uses your allowance.', 'A free signal booster is available for some Unlimited Plus customers.'], { tags: ['outage', 'wifi-calling', 'indoor-coverage'] }),
  s('outages', '5G is not showing on my phone', 'Why your phone may show 4G instead of 5G, and how to fix it.', [
    'Check your plan includes 5G under **Account > Plan**.',
    'Check your area has 5G on the coverage map.',
    'Turn on 5G in settings: on iPhone **Mobile Data Options > Voice & Data > 5G Auto**.',
    'Restart your phone after changing the setting.',
  ], ['5G Auto switches to 4G when 5G would not be faster, to save battery.', 'Some older phones need a software update before they can use our 5G.'], { tags: ['5g', 'network'] }),
  s('outages', 'Text messages are not being delivered', 'What to check when your texts fail to send or arrive.', [
    'Check the recipient number includes the right country code.',
    'Restart your phone and try again.',
    'Check that the message centre number in your messaging settings is **+447700900400**.',
    'Make sure you have not run out of credit or hit a spend cap.',
  ], ['Texts to short codes can be blocked by the content lock on your account.', 'iMessage and RCS use data, so they may fail when data is off.'], { tags: ['sms', 'network'] }),
  s('outages', 'Mobile data is slow', 'Steps to speed up mobile data before you report a fault.', [
    'Run a speed test from the app under **Help > Speed test**.',
    'Check you have not used up your high-speed data; slower speeds apply after your allowance.',
    'Toggle Airplane mode on and off to reconnect to the best mast.',
    'Reset network settings if speeds are slow everywhere.',
  ], ['Speeds are often lower in busy places such as stadiums and stations.', 'Low Power mode can limit background data.'], { tags: ['data', 'speed', 'network'] }),
  s('outages', 'Compensation for loss of service', 'When you can get money back for a long outage.', [
    'Report the fault as soon as you notice it, in the app or by calling 150 from another phone.',
    'If the fault lasts more than two full days, we credit your account automatically once it is fixed.',
    'If you were not credited, ask for compensation in chat within 30 days.',
  ], ['Automatic compensation is £8 for each day without service after the first two.', 'Outages caused by storms classed as severe weather may be excluded.'], { tags: ['outage', 'compensation', 'credit'] }),
  s('outages', 'Report a poor coverage spot', 'Tell us about places where our signal is weak so we can plan improvements.', [
    'Open the coverage map in the app and tap **Report a problem** at the location.',
    'Choose what does not work: calls, texts or data.',
    'Add when it happens, for example only indoors or at busy times.',
  ], ['We cannot reply to every report, but every one is reviewed by our network planning team.', 'Reports feed into where we add new masts each year.'], { tags: ['coverage', 'network'] }),
  s('outages', 'Planned network maintenance', 'How we tell you about engineering work that may affect your service.', [
    'Sign up for maintenance alerts on the status page with your postcode.',
    'We text you at least 48 hours before planned work in your area.',
    'During the work, use Wi-Fi Calling if you have broadband.',
  ], ['Most planned work is done overnight and lasts under four hours.', 'Emergency repairs may happen without notice.'], { tags: ['maintenance', 'network'] }),
  s('outages', 'Reset network settings on iPhone', 'Clear saved network settings when calls or data misbehave on an iPhone.', [
    'Go to **Settings > General > Transfer or Reset iPhone**.',
    'Tap **Reset**, then **Reset Network Settings**.',
    'Enter your passcode and confirm.',
    'Reconnect to your Wi-Fi networks afterwards.',
  ], ['This does not delete photos, apps or messages.', 'Saved Wi-Fi passwords and VPN settings are removed.'], { tags: ['iphone', 'network', 'troubleshooting'] }),
  s('outages', 'Reset network settings on Android', 'Clear saved network settings when calls or data misbehave on an Android phone.', [
    'Go to **Settings > System > Reset options**.',
    'Tap **Reset Mobile Network Settings** or **Reset Wi-Fi, mobile & Bluetooth**.',
    'Confirm and restart your phone.',
  ], ['On Samsung phones the option is under **General management > Reset**.', 'Bluetooth pairings are removed and will need to be set up again.'], { tags: ['android', 'network', 'troubleshooting'] }),
  s('outages', 'Emergency calls when you have no signal', 'You can always call 999 or 112, even without Northwind coverage.', [
    'Dial 999 or 112 as normal.',
    'Your phone uses any available network to connect the call.',
    'If you cannot speak, register for emergency SMS by texting **register** to 999 in advance.',
  ], ['Emergency calls are free and work without credit.', 'Wi-Fi Calling also supports 999, but tell the operator your address.'], { tags: ['emergency', 'network'] }),
];

// ---------------------------------------------------------------- data plans
const PLANS: [name: string, data: string, price: string, extras: string][] = [
  ['Go 5GB', '5 GB', '£8', 'unlimited calls and texts in the UK'],
  ['Go 20GB', '20 GB', '£12', 'unlimited calls and texts and Roam Like Home in Europe'],
  ['Go 60GB', '60 GB', '£16', 'unlimited calls and texts, Roam Like Home and 5G'],
  ['Unlimited', 'unlimited', '£24', 'unlimited data, 5G and Roam Like Home in Europe'],
  ['Unlimited Plus', 'unlimited', '£32', 'unlimited data, 5G, five Roam Passes a year and a loan phone for repairs'],
  ['Family Share', '100 GB shared', '£45', 'up to five SIMs sharing one allowance'],
  ['Kids Starter', '2 GB', '£5', 'content lock, spend cap at £0 and location sharing with parents'],
  ['Data Only Tablet', '30 GB', '£10', 'data for tablets and laptops, no calls'],
];

const dataPlans: Spec[] = [
  ...PLANS.map(([name, data, price, extras]) =>
    s('data-plans', `What's included in the ${name} plan`, `${name} gives you ${data} of data for ${price} a month, with ${extras}.`, [
      `Check you are on ${name} in the app under **Account > Plan**.`,
      'See how much you have used this month under **Usage**.',
      'Add a top-up from **Add-ons** if you run low before your bill date.',
      'Change plan from **Account > Plan > Change plan**; upgrades start straight away.',
    ], [
      `Your ${data} allowance resets on your bill date each month.`,
      'Downgrades take effect from your next bill date.',
    ], { tags: ['plans', slugify(name)] }),
  ),
  s('data-plans', 'Buy a data top-up', 'Add extra data when you run low before your allowance resets.', [
    'Open **Add-ons > Data** in the app.',
    'Choose 1 GB for £3, 5 GB for £6 or 20 GB for £10.',
    'Confirm; the data is added within a few minutes.',
  ], ['Top-ups expire on your next bill date.', 'Spend caps may stop you buying top-ups; raise the cap first.'], { tags: ['data', 'top-up'] }),
  s('data-plans', 'Check your data usage', 'See how much data you have left and what is using it.', [
    'Open the app and look at the **Usage** tile on the home screen.',
    'Tap it to see usage by day.',
    'On your phone, check which apps use the most data in mobile data settings.',
  ], ['Usage in the app can be up to an hour behind.', 'We text you at 80% and 100% of your allowance.'], { tags: ['data', 'usage'] }),
  s('data-plans', 'Use your phone as a hotspot', 'Share your mobile data with a laptop or tablet.', [
    'On iPhone go to **Settings > Personal Hotspot** and switch on **Allow Others to Join**.',
    'On Android go to **Settings > Network & internet > Hotspot & tethering**.',
    'Set a strong password and connect your other device.',
  ], ['Hotspot data comes out of your normal allowance.', 'Unlimited plans include up to 100 GB of hotspot use a month.'], { tags: ['data', 'hotspot'] }),
  s('data-plans', 'Why my data speed was reduced', 'Reasons your data may be slower than usual, and how to restore full speed.', [
    'Check if you have used all of your allowance under **Usage**.',
    'Add a top-up to restore full speed straight away.',
    'If you are on Unlimited, check whether traffic management is in effect at busy times.',
  ], ['After your allowance, data continues at 128 kbps so messaging still works.', 'Video may be optimised to 1080p on some plans.'], { tags: ['data', 'speed'] }),
  s('data-plans', 'Data rollover explained', 'Unused data on Go plans rolls over for one month.', [
    'See rolled-over data under **Usage > Rollover**.',
    'Rollover data is used first, before your monthly allowance.',
    'Rollover is kept if you change to another Go plan.',
  ], ['Rollover data expires after one month.', 'Top-up data does not roll over.'], { tags: ['data', 'rollover'] }),
];

// ---------------------------------------------------------------- billing
const billing: Spec[] = [
  s('billing', 'Understand your first bill', 'Your first bill usually covers more than one month; here is why.', [
    'Open **Billing > Bills** in the app and select your first bill.',
    'Look for the **part-month charge** covering the days from your start date to your first bill date.',
    'Below it is the charge for the month ahead, because plans are billed in advance.',
    'Extra usage such as calls to premium numbers is listed under **Usage charges**.',
  ], ['From your second bill onward, you pay one month in advance plus any usage.', 'Part-month charges are worked out by day.'], { tags: ['billing', 'first-bill'] }),
  s('billing', 'Why is my bill higher than usual?', 'The most common reasons a bill goes up, and how to check each one.', [
    'Compare this bill with the last one in **Billing > Bills > Compare**.',
    'Check for **Usage charges**: international calls, premium numbers and roaming outside your plan.',
    'Look for add-ons or Roam Passes bought this month.',
    'Check whether your annual price change applied this month.',
  ], ['If you do not recognise a charge, tap it to see the date, time and number.', 'Raise a query from the bill itself and we will hold the disputed amount while we look.'], { tags: ['billing', 'bill-shock'] }),
  s('billing', 'Pay your bill by Direct Debit', 'Set up Direct Debit so your bill is paid on time each month.', [
    'Open **Billing > Payment method** in the app.',
    'Choose **Direct Debit** and enter your account number and sort code.',
    'Confirm you are the account holder.',
    'Your first collection is on your next bill date after five working days.',
  ], ['You are protected by the Direct Debit Guarantee.', 'Changing your bank account does not need a new mandate if you use the bank switch service.'], { tags: ['billing', 'payment', 'direct-debit'] }),
  s('billing', 'Pay your bill by card', 'Make a one-off card payment or save a card for monthly payments.', [
    'Go to **Billing > Pay now** in the app.',
    'Enter the amount or choose **Full balance**.',
    'Enter your card details and complete your bank check.',
  ], ['We accept Visa, Mastercard and American Express.', 'Card payments show on your account within an hour.'], { tags: ['billing', 'payment', 'card'] }),
  s('billing', 'Change your bill date', 'Move your monthly bill date to match when you are paid.', [
    'Go to **Billing > Bill date** in the app.',
    'Choose a new date between the 1st and the 28th.',
    'Confirm; your next bill includes a part-month charge to cover the change.',
  ], ['You can change your bill date once every six months.', 'Your allowance resets on the new date.'], { tags: ['billing', 'bill-date'] }),
  s('billing', 'Missed a payment', 'What happens when a payment fails, and how to avoid service being restricted.', [
    'Pay the overdue amount in the app under **Billing > Pay now**.',
    'If you cannot pay in full, set up a payment arrangement under **Billing > Payment help**.',
    'Update your payment method if your card has expired.',
  ], ['We restrict outgoing calls and data 14 days after a missed payment, never emergency calls.', 'A £5 late payment fee applies to each missed payment.'], { tags: ['billing', 'late-payment', 'arrears'] }),
  s('billing', 'Get help if you are struggling to pay', 'We can pause, spread or reduce payments if money is tight.', [
    'Contact us as early as you can in chat or on 150.',
    'Tell us what you can afford each month; you do not have to share details you are not comfortable with.',
    'We agree a plan, which can include a payment break of up to three months.',
    'We can move you to a cheaper plan without an early change fee.',
  ], ['We do not charge late fees while a payment arrangement is in place.', 'Free, independent debt advice is available from the Money Advice Line.'], { tags: ['billing', 'financial-support', 'vulnerability'] }),
  s('billing', 'Set a spend cap', 'Limit how much you can spend on top of your monthly plan.', [
    'Open **Billing > Spend cap** in the app.',
    'Choose a cap from £0 to £100 per month.',
    'Save; charges that would take you over the cap are blocked.',
  ], ['Spend caps do not apply to emergency calls.', 'Roam Passes and top-ups count towards the cap.'], { tags: ['billing', 'spend-cap'] }),
  s('billing', 'Download VAT invoices', 'Get VAT invoices for business expenses.', [
    'Go to **Billing > Bills** and select a bill.',
    'Tap **Download VAT invoice** to save a PDF.',
    'For several months at once, use **Billing > Export** on the website.',
  ], ['VAT invoices are available for the last 24 months.', 'Business accounts can add a company name and VAT number under **Account > Business details**.'], { tags: ['billing', 'vat', 'business'] }),
  s('billing', 'Charges for calling premium and international numbers', 'Which numbers are not included in your plan, and what they cost.', [
    'See the full price list under **Help > Prices** in the app.',
    'Numbers starting 09 and 118 are charged at our access charge plus the service charge.',
    'International calls are charged per minute unless you have an International add-on.',
  ], ['Our access charge is 55p per minute.', 'You can block premium numbers from **Account > Services > Call barring**.'], { tags: ['billing', 'premium-numbers', 'international'] }),
  s('billing', 'Your annual price change', 'Each April your monthly price changes by a fixed amount set out in your contract.', [
    'Find the fixed amount in your contract summary under **Account > Documents**.',
    'The change applies from your first bill after 1 April.',
    'We text you at least 30 days before it applies.',
  ], ['Plans taken out since 2025 rise by a fixed £1.50 a month, not by inflation.', 'Add-ons are not affected.'], { tags: ['billing', 'price-change'] }),
  s('billing', 'Paperless billing', 'Get your bills in the app and by email instead of on paper.', [
    'Go to **Billing > Bill preferences**.',
    'Choose **Paperless** and confirm your email address.',
    'We email you when each bill is ready.',
  ], ['Paper bills cost £1.50 a month unless you are over 75 or registered with Extra Care.', 'Large print and Braille bills are always free.'], { tags: ['billing', 'paperless'] }),
  s('billing', 'Apply a goodwill credit', 'Internal: how to apply a goodwill credit within your approval limit.', [
    'Open the customer in the billing console and select **Adjustments > Goodwill credit**.',
    'Choose a reason code that matches the case.',
    'Enter the amount; agents can apply up to £20, team leads up to £100.',
    'Link the credit to the case id so it appears in reporting.',
  ], ['Credits above your limit need approval from a manager.', 'Never promise a credit before it is applied.'], { tags: ['billing', 'internal', 'credit'], teamIds: ['team-billing'] }),
  s('billing', 'Handle a billing dispute', 'Internal: steps for disputed charges and chargebacks.', [
    'Check the disputed charge line in the billing console.',
    'Place a dispute hold so the amount is not collected while you investigate.',
    'Request call records if the charge relates to usage.',
    'Reply to the customer within five working days with the outcome.',
  ], ['Chargebacks go to the payments team; do not reverse them yourself.', 'Disputes open for more than eight weeks can go to the ombudsman.'], { tags: ['billing', 'internal', 'disputes'], teamIds: ['team-billing'] }),
  s('billing', 'Bill breakdown for Family Share accounts', 'See what each person on a Family Share plan has used.', [
    'The account holder opens **Billing > Bills** and selects a bill.',
    'Tap **By member** to see usage per SIM.',
    'Set individual spend caps per member under **Family > Members**.',
  ], ['Only the account holder sees charges for the whole family.', 'Members can see their own usage in their own app.'], { tags: ['billing', 'family'] }),
];

// ---------------------------------------------------------------- refunds
const refunds: Spec[] = [
  s('refunds', 'Request a refund for an overcharge', 'Ask for money back when you have been charged incorrectly.', [
    'Open the bill in **Billing > Bills** and tap the charge.',
    'Choose **Query this charge** and tell us what is wrong.',
    'We reply within two working days; approved refunds are shown as a credit.',
  ], ['Credits reduce your next bill; ask us if you prefer a refund to your card.', 'Keep your refund reference for tracking.'], { tags: ['refunds', 'overcharge'] }),
  s('refunds', 'Refund for a returned phone', 'How refunds work when you return a phone within 14 days.', [
    'Start the return in the app under **Orders > Return**.',
    'Pack the phone with all accessories and use the prepaid label.',
    'We check the phone within three working days of receiving it.',
    'The refund goes back to your original payment method.',
  ], ['Phones with damage or missing parts may have a deduction.', 'Remove your Apple ID or Google account before sending.'], { tags: ['refunds', 'returns', 'devices'] }),
  s('refunds', 'When will my refund arrive?', 'Typical refund times by payment method.', [
    'Find your refund reference in **Billing > Refunds**.',
    'Card refunds take three to five working days after we approve them.',
    'Direct Debit refunds are paid to your bank account within five working days.',
    'PayPal refunds usually appear within 24 hours.',
  ], ['Banks can take a few extra days to show a refund.', 'If ten working days have passed, contact us with your reference.'], { tags: ['refunds', 'timing'] }),
  s('refunds', 'Refund of your credit balance after leaving', 'Get back any money left on your account when you close it.', [
    'Your final bill shows any credit balance.',
    'We refund credit over £1 automatically within 30 days of your final bill.',
    'If we have no valid payment method, we email you to ask for bank details.',
  ], ['Credit under £1 can be donated to our charity partner.', 'Refunds to closed bank accounts are returned to us; contact us to update details.'], { tags: ['refunds', 'account-closure'] }),
  s('refunds', 'Refund for a Roam Pass you did not use', 'Unused Roam Pass days can be refunded.', [
    'Open **Add-ons > Roaming** and select the pass.',
    'Tap **Request refund** for unused days.',
    'We credit your account on your next bill.',
  ], ['Passes that were never used are refunded in full.', 'Partly used days are not refunded.'], { tags: ['refunds', 'roaming'] }),
  s('refunds', 'Refund for charges to premium services', 'What to do about charges from a premium SMS or subscription you did not sign up for.', [
    'Find the charge on your bill and note the short code.',
    'Text **STOP** to the short code to end the subscription.',
    'Ask the service provider for a refund; their details are on the PhonepayPlus register.',
    'If they do not help, raise a query with us and we will contact them.',
  ], ['You can block all premium services under **Account > Services > Premium services**.', 'Kids Starter plans block premium services by default.'], { tags: ['refunds', 'premium-sms'] }),
  s('refunds', 'Double charged for a payment', 'What to do if a payment was taken twice.', [
    'Check **Billing > Payments** for two payments with the same amount and date.',
    'A pending card authorisation can look like a second payment; wait 48 hours for it to drop off.',
    'If both payments are confirmed, contact us and we refund the duplicate straight away.',
  ], ['Duplicate payments are refunded, not credited.', 'Banks sometimes show pending amounts for up to seven days.'], { tags: ['refunds', 'payments'] }),
  s('refunds', 'Refund for a cancelled order', 'Get your money back for an order you cancelled before it shipped.', [
    'Cancel from **Orders** in the app before the order shows **Dispatched**.',
    'The refund starts automatically when the cancellation is confirmed.',
    'Upfront payments are refunded to your card within five working days.',
  ], ['Dispatched orders need to be returned instead.', 'Any first-month charge is removed from your bill.'], { tags: ['refunds', 'orders'] }),
  s('refunds', 'Process a refund to card', 'Internal: refunding a customer to card from the billing console.', [
    'Check the account balance is in credit for at least the refund amount.',
    'Open **Payments > Refund** and select the original card payment.',
    'Enter the amount and the case id, then submit for processing.',
  ], ['Refunds over £250 need a second agent to approve.', 'Never refund to a card that did not make the original payment.'], { tags: ['refunds', 'internal'], teamIds: ['team-billing'] }),
  s('refunds', 'Compensation and refunds for missed appointments', 'If an engineer or store appointment was missed, you may be due compensation.', [
    'Contact us within 30 days of the missed appointment.',
    'Give us the appointment reference.',
    'We credit £30 for each missed appointment that we did not cancel at least 24 hours ahead.',
  ], ['This applies to home broadband installs and store repair appointments.', 'Rearranged appointments are not counted as missed.'], { tags: ['refunds', 'compensation'] }),
];

// ---------------------------------------------------------------- app login
const PLATFORMS = ['iPhone', 'Android', 'the web', 'iPad'] as const;

const appLogin: Spec[] = [
  ...PLATFORMS.map((p) =>
    s('app-login', `Can't sign in to the Northwind app on ${p}`, `Fix the most common sign-in problems for the Northwind app on ${p}.`, [
      p === 'the web' ? 'Go to **my.northwind.example** in an up-to-date browser and clear cookies for the site.' : `Update the Northwind app from the ${p === 'Android' ? 'Google Play Store' : 'App Store'}.`,
      'Check your email address for typos and make sure Caps Lock is off.',
      'Tap **Forgotten password** to get a reset link if you are unsure of your password.',
      p === 'the web' ? 'Turn off browser extensions that block scripts, then reload the page.' : 'If the app freezes, close it fully and reopen it.',
      'Wait for the verification code; it can take up to two minutes to arrive.',
    ], [
      'After five wrong passwords your account locks for 30 minutes.',
      'Signing in with Face ID or fingerprint only works after one sign-in with your password.',
    ], { tags: ['app', 'login', slugify(p)] }),
  ),
  s('app-login', 'Verification codes are not arriving', 'What to do when the sign-in code we text or email you does not come through.', [
    'Wait two minutes before asking for a new code; only the newest code works.',
    'Check your phone has signal and is not blocking texts from short codes.',
    'Look in your spam or junk folder for emailed codes.',
    'Choose **Try another way** to receive the code by email or a voice call.',
  ], ['Codes expire after ten minutes.', 'We never ask for a verification code in a phone call we made.'], { tags: ['app', 'login', '2fa'] }),
  s('app-login', 'Your account is locked', 'Why accounts lock and how to unlock yours.', [
    'Wait 30 minutes and try again with the right password.',
    'Or reset your password with **Forgotten password**, which also unlocks the account.',
    'If we locked the account because of suspicious activity, call 150 to pass a security check.',
  ], ['Locking protects you from people guessing your password.', 'You still receive calls and texts while the app is locked.'], { tags: ['app', 'login', 'security'] }),
  s('app-login', 'The app keeps signing me out', 'Stay signed in to the Northwind app.', [
    'Update the app to the latest version.',
    'Make sure the date and time on your phone are set automatically.',
    'Turn off any battery optimisation for the Northwind app on Android.',
    'Sign out of all devices from **Account > Security > Devices** and sign in again.',
  ], ['For your security, sessions end after 90 days.', 'Clearing app data signs you out.'], { tags: ['app', 'login'] }),
  s('app-login', 'Manage devices signed in to your account', 'See and remove phones and browsers signed in to your Northwind account.', [
    'Go to **Account > Security > Devices**.',
    'Review the list of devices and when each last signed in.',
    'Tap **Sign out** next to any device you do not recognise.',
    'Change your password if you see a device you did not use.',
  ], ['Removing a device signs it out within a minute.', 'You can sign in on up to ten devices.'], { tags: ['app', 'security', 'devices'] }),
  s('app-login', 'Set up Face ID or fingerprint sign-in', 'Sign in to the app quickly and securely with biometrics.', [
    'Sign in with your password once.',
    'Go to **Account > Security > Biometric sign-in** and switch it on.',
    'Confirm with Face ID, Touch ID or your fingerprint.',
  ], ['Biometrics are checked by your phone; we never receive your face or fingerprint.', 'If you add a new fingerprint to your phone, you need to sign in with your password again.'], { tags: ['app', 'login', 'biometrics'] }),
  s('app-login', "The app says 'Something went wrong'", 'Work through this error when the app cannot load your account.', [
    'Check the status page to see if the app has a known problem.',
    'Switch between Wi-Fi and mobile data.',
    'Close and reopen the app.',
    'Reinstall the app if the error continues.',
  ], ['The error code at the bottom of the message helps our team find the cause.', 'Your account and plan are not affected by app errors.'], { tags: ['app', 'errors'] }),
];

// ---------------------------------------------------------------- password reset
const passwordReset: Spec[] = [
  s('password-reset', 'Reset your password by email', 'Get a reset link sent to the email address on your account.', [
    'On the sign-in screen, tap **Forgotten password**.',
    'Enter the email address you use for Northwind.',
    'Open the email titled **Reset your Northwind password** and tap the link within one hour.',
    'Choose a new password you have not used before.',
  ], ['The link only works once.', 'Check spam and junk folders if the email does not arrive within five minutes.'], { tags: ['password', 'reset', 'email'] }),
  s('password-reset', 'Reset your password by text message', 'Use your Northwind number to reset your password.', [
    'On the sign-in screen, tap **Forgotten password** and then **Use my mobile number**.',
    'Enter your Northwind mobile number.',
    'Type in the six-digit code we text you.',
    'Set a new password.',
  ], ['This only works if the SIM is in your phone and has signal.', 'Codes expire after ten minutes.'], { tags: ['password', 'reset', 'sms'] }),
  s('password-reset', 'I no longer have access to my email', 'Reset your password when the email on your account is out of date.', [
    'Use the text message reset if your Northwind number still works.',
    'Once signed in, update your email under **Account > Personal details**.',
    'If neither works, call 150 from another phone and answer the security questions.',
  ], ['We may ask you to visit a store with photo ID to protect your account.', 'We cannot change an email address over social media.'], { tags: ['password', 'reset', 'account-recovery'] }),
  s('password-reset', 'Password rules', 'What makes an acceptable Northwind password.', [
    'Use at least 12 characters.',
    'Avoid passwords you use on other sites.',
    'Consider three random words joined together, which is long and easy to remember.',
  ], ['We check new passwords against lists of leaked passwords.', 'A password manager can create and remember strong passwords for you.'], { tags: ['password', 'security'] }),
  s('password-reset', 'Change your account PIN', 'Your four-digit PIN is used to confirm who you are when you call us.', [
    'Sign in to the app and go to **Account > Security > PIN**.',
    'Enter your current PIN, or your password if you have forgotten it.',
    'Choose a new PIN that is not your birthday or 1234.',
  ], ['We never ask for your whole PIN; agents ask for two digits.', 'Your PIN is different from your SIM PIN.'], { tags: ['pin', 'security'] }),
  s('password-reset', 'Unlock your SIM with a PUK code', 'If your phone asks for a PUK code, your SIM PIN was entered wrongly too many times.', [
    'Sign in to the app on another device, or at my.northwind.example.',
    'Go to **Account > SIM > PUK code**.',
    'Enter the eight-digit PUK on your phone, then choose a new SIM PIN.',
  ], ['Entering the wrong PUK ten times blocks the SIM permanently.', 'We can also give you the PUK on 150 after a security check.'], { tags: ['sim', 'puk', 'security'] }),
  s('password-reset', 'Reset your voicemail PIN', 'Get back into your voicemail when you have forgotten the PIN.', [
    'Go to **Account > Services > Voicemail** in the app.',
    'Tap **Reset voicemail PIN**.',
    'We text you a temporary PIN; change it the next time you call voicemail.',
  ], ['Calling voicemail from your own phone does not need the PIN unless you have turned that on.', 'Voicemail PINs are four to eight digits.'], { tags: ['voicemail', 'pin'] }),
  s('password-reset', 'Someone else changed my password', 'Secure your account if you think someone else has access.', [
    'Reset your password straight away by text message.',
    'Sign out all other devices under **Account > Security > Devices**.',
    'Check your email and personal details have not been changed.',
    'Call 150 so we can add extra protection against SIM swap fraud.',
  ], ['Report any unexpected orders or SIM swaps to us at once.', 'Change the password on your email account too.'], { tags: ['password', 'security', 'fraud'] }),
  s('password-reset', 'Verify a customer before a password reset', 'Internal: identity checks before resetting a password on a customer\'s behalf.', [
    'Ask for two digits of the account PIN, never the whole PIN.',
    'Send a one-time code to the number on the account and ask the customer to read it back.',
    'If either check fails, direct the customer to a store with photo ID.',
  ], ['Never reset a password for someone contacting us over public social media.', 'Log each check in the case notes.'], { tags: ['password', 'internal', 'security'], draft: true }),
];

// ---------------------------------------------------------------- porting
const CARRIERS = ['Brightwave', 'Meridian Mobile', 'SkyLink', 'Fenwick Telecom', 'Orbit Connect', 'Lumen Wireless', 'Harbour Mobile'] as const;

const porting: Spec[] = [
  ...CARRIERS.map((carrier) =>
    s('porting', `Switching to Northwind from ${carrier}`, `Keep your number when you move from ${carrier} to Northwind.`, [
      `Text **PAC** to 65075 from your ${carrier} phone; ${carrier} replies with your PAC code within a minute.`,
      'Order your Northwind SIM or eSIM and enter the PAC code at checkout, or add it later in the app under **Account > Switching**.',
      'Choose a switch date; your number moves on the next working day or the date you pick.',
      `Keep your ${carrier} SIM in your phone until you lose signal on the switch day.`,
      'Insert your Northwind SIM; your number works on our network within a few hours.',
    ], [
      `${carrier} closes your old account automatically; you pay any final bill to them directly.`,
      'A PAC code is valid for 30 days.',
    ], { tags: ['porting', 'switching', slugify(carrier)] }),
  ),
  s('porting', 'Get a PAC code to leave Northwind', 'Take your number to another network with a PAC code.', [
    'Text **PAC** to 65075 from your Northwind phone.',
    'We text you the code with any charges for ending your contract early.',
    'Give the code to your new network within 30 days.',
  ], ['You do not have to call us to leave.', 'If you only want to cancel and not keep your number, text **STAC** to 75075.'], { tags: ['porting', 'leaving'] }),
  s('porting', 'My number transfer is delayed', 'What to do if your number has not moved on the day you expected.', [
    'Check the switch date in the app under **Account > Switching**.',
    'Restart your phone with the Northwind SIM in it.',
    'If your old network still has your number after 18:00, contact us and we chase the transfer.',
  ], ['Transfers can fail if the PAC code has expired or the number was typed wrongly.', 'You are due £5 compensation per day if a transfer is late because of us.'], { tags: ['porting', 'delays'] }),
  s('porting', 'Use a temporary number while switching', 'Your new SIM comes with a temporary number until your own number arrives.', [
    'Insert the new SIM; it works straight away with a temporary number.',
    'Calls to your old number still ring your old SIM until the switch day.',
    'On switch day, your old number replaces the temporary one automatically.',
  ], ['Anything sent to the temporary number after the switch is not forwarded.', 'Your allowance is the same on the temporary number.'], { tags: ['porting', 'temporary-number'] }),
  s('porting', 'Switch several business numbers at once', 'Move a group of business lines to Northwind on one date.', [
    'Ask your current provider for a bulk PAC covering all numbers.',
    'Send the PAC and the list of numbers to our business team.',
    'Agree a switch date; we prepare SIMs labelled with each number.',
  ], ['Bulk switches of more than 25 numbers need five working days notice.', 'An account manager supports each bulk switch.'], { tags: ['porting', 'business'] }),
  s('porting', 'Bring a number from abroad', 'Numbers from other countries cannot move to a UK network.', [
    'Set up call forwarding on your foreign number to your new Northwind number.',
    'Tell your contacts your new number.',
    'Keep the foreign SIM active if you need it for banking codes.',
  ], ['Forwarded calls are charged by your foreign provider.', 'Dual-SIM phones can keep both numbers active.'], { tags: ['porting', 'international'] }),
];

// ---------------------------------------------------------------- contracts
const contracts: Spec[] = [
  s('contracts', 'Cancel your Northwind contract', 'How to end your plan, and what it costs before the end of your minimum term.', [
    'Check your contract end date under **Account > Plan**.',
    'Text **STAC** to 75075 to get a code and a list of any early termination charges.',
    'Give the code to your new provider, or confirm the cancellation in chat.',
    'Pay your final bill, which covers up to your last day of service.',
  ], ['After your minimum term, there is no charge to leave; you give 30 days notice.', 'Device plans must be paid off separately.'], { tags: ['contracts', 'cancellation'] }),
  s('contracts', 'Your 14-day cooling-off period', 'Change your mind about a new contract within 14 days.', [
    'Contact us within 14 days of receiving your SIM or phone.',
    'Return any phone in its original condition with the prepaid label.',
    'We cancel the contract and refund anything you paid upfront.',
  ], ['You pay for any usage during the 14 days.', 'Contracts taken out in store have the same cooling-off right.'], { tags: ['contracts', 'cooling-off'] }),
  s('contracts', 'Upgrade early', 'Get a new phone before your contract ends.', [
    'Check your upgrade options in the app under **Upgrade**.',
    'See the early upgrade fee, which is the remaining cost of your device plan.',
    'Choose a new phone and plan and confirm.',
  ], ['Your airtime plan is not charged twice; it restarts with the new contract.', 'Trade in your old phone to reduce the cost.'], { tags: ['contracts', 'upgrade'] }),
  s('contracts', 'Transfer your contract to someone else', 'Move the account and number to a new owner, such as a family member.', [
    'The current owner starts the transfer in **Account > Transfer ownership**.',
    'The new owner accepts and passes a credit check.',
    'We move the number, plan and any device plan to the new owner.',
  ], ['Both people must agree to the transfer.', 'The minimum term does not restart.'], { tags: ['contracts', 'ownership'] }),
  s('contracts', 'What happens at the end of your contract', 'Your options when your minimum term ends.', [
    'We text you up to 40 days before your contract ends with your best deals.',
    'Keep your phone and move to a SIM-only plan to pay less.',
    'Or upgrade to a new phone on a new contract.',
  ], ['If you do nothing, your plan continues monthly with no device charges.', 'You can leave with 30 days notice after the end date.'], { tags: ['contracts', 'end-of-contract'] }),
  s('contracts', 'Manage an account after a bereavement', 'Our Bereavement team can close or transfer an account with the minimum of fuss.', [
    'Call our Bereavement team on **0800 012 3457** or fill in the form on our website.',
    'Send us a copy of the death certificate or a letter from the solicitor.',
    'Choose to close the account or transfer the number to someone else.',
  ], ['We do not charge early termination fees after a bereavement.', 'Photos on a locked phone cannot be recovered by us; ask the phone maker.'], { tags: ['contracts', 'bereavement', 'vulnerability'] }),
  s('contracts', 'Pause your plan while you are away', 'Suspend your plan for up to three months if you will not use your phone.', [
    'Go to **Account > Plan > Pause plan**.',
    'Choose the start date and how many months.',
    'Your number is kept for you and the plan restarts automatically.',
  ], ['A paused plan costs £3 a month to keep your number.', 'Device plans still need to be paid while paused.'], { tags: ['contracts', 'pause'] }),
  s('contracts', 'Moving abroad permanently', 'End your contract without early charges when you move to another country.', [
    'Tell us at least 30 days before you move.',
    'Send proof such as a new lease, work contract or visa.',
    'We end your airtime plan without early termination charges.',
  ], ['Device plans still need to be paid off.', 'Port your number to a PAYG SIM if you want to keep it.'], { tags: ['contracts', 'moving-abroad'] }),
  s('contracts', 'Find your contract summary', 'Every plan comes with a one-page summary of what you agreed.', [
    'Open **Account > Documents** in the app.',
    'Tap **Contract summary** for the plan you want.',
    'Download it as a PDF to keep.',
  ], ['The summary lists your price, minimum term and the annual price change.', 'Full terms and conditions are linked at the bottom.'], { tags: ['contracts', 'documents'] }),
];

// ---------------------------------------------------------------- privacy
const privacy: Spec[] = [
  s('privacy', 'Download a copy of your data', 'Request everything we hold about you.', [
    'Go to **Account > Privacy > Download my data**.',
    'Choose what to include: account details, bills, usage and contact history.',
    'We email you a secure link within 30 days, usually sooner.',
  ], ['The link expires after seven days.', 'Call recordings are included only if you ask for them.'], { tags: ['privacy', 'data-request', 'gdpr'] }),
  s('privacy', 'Delete your Northwind account and data', 'Close your account and ask us to erase your personal data.', [
    'Cancel any active plans first.',
    'Go to **Account > Privacy > Delete my account**.',
    'Confirm by entering the code we text you.',
    'We email you when your data has been erased, usually within 30 days.',
  ], ['We must keep billing records for six years by law.', 'Deleted accounts cannot be restored.'], { tags: ['privacy', 'deletion', 'gdpr'] }),
  s('privacy', 'Choose which marketing you receive', 'Control offers by email, text, post and in the app.', [
    'Go to **Account > Privacy > Marketing preferences**.',
    'Switch each channel on or off.',
    'Save; changes take up to 48 hours to apply.',
  ], ['Service messages about your bill and network are always sent.', 'You can also reply STOP to any marketing text.'], { tags: ['privacy', 'marketing'] }),
  s('privacy', 'Spot scam texts and calls pretending to be Northwind', 'How to recognise fraud and what to do about it.', [
    'We never ask for your password, full PIN or verification codes.',
    'Do not tap links in unexpected texts; open the app instead.',
    'Forward scam texts to **7726** for free.',
    'If you shared details, change your password and call us on 150.',
  ], ['Our texts come from NORTHWIND or 150, but scammers can fake sender names.', 'We never call to say your account will be closed within hours.'], { tags: ['privacy', 'scams', 'fraud'] }),
  s('privacy', 'Protect yourself from SIM swap fraud', 'Stop criminals moving your number to their SIM.', [
    'Set a strong account password and a PIN that is not easy to guess.',
    'Turn on **SIM swap protection** under **Account > Security**.',
    'Use an authenticator app instead of text codes for your bank where you can.',
  ], ['With protection on, SIM swaps need a store visit with photo ID.', 'If your phone suddenly shows No Service, call us from another phone.'], { tags: ['privacy', 'fraud', 'sim-swap'] }),
  s('privacy', 'Report a lost or stolen phone', 'Block your SIM and phone so nobody else can use them.', [
    'Call 150 from another phone or use **Lost or stolen** in the app on another device.',
    'We bar your SIM straight away so no calls can be made.',
    'Report the theft to the police and ask for a crime reference.',
    'Order a replacement SIM with the same number.',
  ], ['We can also block the phone itself using its IMEI.', 'You are not charged for use after you report the loss.'], { tags: ['privacy', 'lost-phone', 'security'] }),
  s('privacy', 'How we use location data', 'What location information the network and app use, and how to control it.', [
    'Our network knows which mast your phone uses so calls can connect.',
    'The app only uses precise location if you allow it, for coverage checks.',
    'Turn off app location in your phone settings under **Apps > Northwind > Location**.',
  ], ['Network location data is kept for 12 months as required by law.', 'We never sell location data that identifies you.'], { tags: ['privacy', 'location'] }),
  s('privacy', 'Block nuisance calls and texts', 'Cut down on unwanted calls and spam messages.', [
    'Turn on **Call Guard** under **Account > Services**; it flags likely spam calls.',
    'Block a number from your phone call log.',
    'Register with the Telephone Preference Service to stop sales calls.',
  ], ['Call Guard is free on all plans.', 'Report persistent nuisance calls to us with dates and times.'], { tags: ['privacy', 'spam', 'nuisance-calls'] }),
  s('privacy', 'Content lock and parental controls', 'Control what younger users can access on mobile data.', [
    'Content lock is on by default for new accounts.',
    'To change it, go to **Account > Services > Content lock** and confirm your age with a card check.',
    'For children, use Kids Starter or set up Family Share controls.',
  ], ['Content lock does not filter Wi-Fi; use router controls at home.', 'Age checks do not charge your card.'], { tags: ['privacy', 'parental-controls'] }),
];

// ---------------------------------------------------------------- accessibility
const accessibility: Spec[] = [
  s('accessibility', 'Bills in large print, Braille or audio', 'Receive your bill in a format that suits you, free of charge.', [
    'Contact our Extra Care team or go to **Billing > Bill preferences > Format**.',
    'Choose large print, Braille or audio CD.',
    'Your next bill arrives in the new format.',
  ], ['Alternative formats are free.', 'Contracts and letters are sent in the same format.'], { tags: ['accessibility', 'billing'] }),
  s('accessibility', 'Calling us with text relay', 'Use Relay UK to contact Northwind if you are deaf or have hearing or speech difficulties.', [
    'Download the Relay UK app or use a textphone.',
    'Dial **18001** followed by **0800 012 3456**.',
    'A relay assistant types what our agent says and reads out what you type.',
  ], ['Relay calls cost the same as normal calls and to us they are free.', 'Our chat in the app is another option.'], { tags: ['accessibility', 'relay'] }),
  s('accessibility', 'Register for Extra Care', 'Tell us about anything that makes it harder to manage your account, so we can help.', [
    'Call 0800 012 3456 or go to **Account > Extra Care**.',
    'Tell us what support would help, for example longer calls or a named contact.',
    'We record it with your consent and review it with you each year.',
  ], ['You can ask us to remove the record at any time.', 'Extra Care customers are not charged for paper bills.'], { tags: ['accessibility', 'vulnerability', 'extra-care'] }),
  s('accessibility', 'Using the Northwind app with a screen reader', 'The app works with VoiceOver and TalkBack.', [
    'Turn on VoiceOver on iPhone or TalkBack on Android.',
    'Open the Northwind app; every button has a spoken label.',
    'Use the rotor or reading controls to jump between headings.',
  ], ['Tell us about any part of the app that does not work with your screen reader.', 'Bills in the app are available as accessible PDFs.'], { tags: ['accessibility', 'app', 'screen-reader'] }),
  s('accessibility', 'Hearing aid compatible phones', 'Choose a phone that works well with hearing aids.', [
    'Look for an M or T rating on the device page.',
    'Ask in store to try the phone with your hearing aid.',
    'Turn on hearing aid mode in the accessibility settings.',
  ], ['Phones rated M3/T3 or higher work well with most hearing aids.', 'Bluetooth hearing aids pair with most recent phones.'], { tags: ['accessibility', 'hearing', 'devices'] }),
  s('accessibility', 'Let someone else manage your account', 'Add a trusted person who can speak to us on your behalf.', [
    'Go to **Account > Access > Add a trusted person**.',
    'Enter their name and phone number.',
    'They confirm with a code we text them.',
  ], ['Trusted people can make changes but not cancel your account unless you give full permission.', 'Power of attorney documents can be sent to our Extra Care team.'], { tags: ['accessibility', 'third-party', 'account'] }),
  s('accessibility', 'Free directory enquiries', 'Directory enquiries are free if you cannot use a phone book because of a disability.', [
    'Apply by calling our Extra Care team.',
    'We send a short form for your doctor or a support organisation to sign.',
    'Once approved, call **195** for free directory enquiries.',
  ], ['The service is available around the clock.', 'Approval lasts as long as you are a Northwind customer.'], { tags: ['accessibility', 'directory'] }),
  s('accessibility', 'Video support in British Sign Language', 'Talk to us in BSL through a video interpreter.', [
    'Open **Help > Contact us > BSL video call** in the app.',
    'A qualified interpreter joins the call and connects you to an agent.',
    'The service runs Monday to Friday, 8:00 to 20:00.',
  ], ['Video calls use Wi-Fi or your data allowance; data used for BSL calls is free.', 'Appointments can be booked in advance.'], { tags: ['accessibility', 'bsl'] }),
];

// ---------------------------------------------------------------- German
const german: Spec[] = [
  s('esim', 'eSIM auf dem iPhone einrichten', 'So aktivieren Sie Ihre Northwind eSIM auf einem iPhone.', [
    'Verbinden Sie Ihr iPhone mit einem WLAN.',
    'Öffnen Sie die E-Mail **Ihre Northwind eSIM ist bereit** oder die App unter **Konto > SIM**.',
    'Gehen Sie zu **Einstellungen > Mobilfunk > eSIM hinzufügen**.',
    'Scannen Sie den QR-Code und warten Sie auf die Meldung **Aktiviert**.',
  ], ['Jeder QR-Code kann nur einmal verwendet werden.', 'Die Aktivierung dauert bis zu 15 Minuten.'], { tags: ['esim', 'iphone'], language: 'de' }),
  s('roaming', 'Roaming in der EU: Was kostet es?', 'In der EU nutzen Sie Ihr Datenvolumen wie zu Hause.', [
    'Prüfen Sie in der App unter **Konto > Dienste**, ob Roaming aktiviert ist.',
    'Schalten Sie nach der Ankunft Ihr Telefon aus und wieder ein.',
    'Aktivieren Sie **Daten-Roaming** in den Einstellungen Ihres Telefons.',
  ], ['Es gilt eine Fair-Use-Grenze von 30 GB pro Monat.', 'Anrufe in andere Länder werden gesondert berechnet.'], { tags: ['roaming', 'eu'], language: 'de' }),
  s('password-reset', 'Passwort zurücksetzen', 'So setzen Sie Ihr Northwind Passwort per E-Mail oder SMS zurück.', [
    'Tippen Sie auf dem Anmeldebildschirm auf **Passwort vergessen**.',
    'Geben Sie Ihre E-Mail-Adresse oder Ihre Northwind Rufnummer ein.',
    'Öffnen Sie den Link oder geben Sie den sechsstelligen Code ein.',
    'Wählen Sie ein neues Passwort mit mindestens 12 Zeichen.',
  ], ['Der Link ist eine Stunde gültig.', 'Nach fünf falschen Versuchen wird Ihr Konto für 30 Minuten gesperrt.'], { tags: ['passwort', 'login'], language: 'de' }),
  s('outages', 'Netzstörung in Ihrer Region prüfen', 'So finden Sie heraus, ob eine Störung im Netz vorliegt.', [
    'Öffnen Sie **status.northwind.example** oder die Kachel **Netzstatus** in der App.',
    'Geben Sie Ihre Postleitzahl ein.',
    'Wenn keine Störung angezeigt wird, starten Sie Ihr Telefon neu.',
    'Besteht das Problem weiter, melden Sie es über die Statusseite, damit unsere Techniker es sehen.',
  ], ['Über WLAN-Telefonie können Sie auch bei einer Störung telefonieren.', 'Meldungen mehrerer Kunden helfen uns, Störungen schneller zu finden.'], { tags: ['störung', 'netz'], language: 'de' }),
  s('billing', 'Ihre Rechnung verstehen', 'Warum Ihre erste Rechnung höher ist als die folgenden.', [
    'Öffnen Sie **Rechnungen** in der App und wählen Sie Ihre erste Rechnung.',
    'Der **Teilmonat** deckt die Tage vom Vertragsbeginn bis zum ersten Rechnungsdatum ab.',
    'Danach folgt die Grundgebühr für den kommenden Monat.',
  ], ['Ab der zweiten Rechnung zahlen Sie einen Monat im Voraus.', 'Zusätzliche Nutzung steht unter **Verbrauch**.'], { tags: ['rechnung'], language: 'de' }),
];


// ---------------------------------------------------------------- services, SIMs and upcoming (some drafts)
const services: Spec[] = [
  s('data-plans', 'Add an International calls add-on', 'Call abroad from the UK for a fixed monthly price.', [
    'Open **Add-ons > International** in the app.',
    'Choose 100 or 500 minutes to over 60 destinations.',
    'Confirm; the minutes are available straight away and renew each month.',
  ], ['Calls to mobiles in some destinations use two minutes per minute.', 'Cancel the add-on at any time; it stops at your next bill date.'], { tags: ['international', 'add-ons'] }),
  s('data-plans', 'Add a member to Family Share', 'Give another person a SIM that shares your family allowance.', [
    'The account holder opens **Family > Members > Add member**.',
    'Choose a SIM or eSIM and the member\u2019s name.',
    'Set a data limit and spend cap for the new member.',
    'We send the SIM, or an eSIM QR code, to the address or email you choose.',
  ], ['Up to five SIMs can share one allowance.', 'Each member gets their own number and can keep an existing one with a PAC.'], { tags: ['family', 'plans'] }),
  s('data-plans', 'Smartwatch plans', 'Use your watch for calls and data without your phone nearby.', [
    'Check your watch has mobile connectivity (LTE or cellular).',
    'Add a Watch plan for £5 a month under **Add-ons > Smartwatch**.',
    'Follow the eSIM setup guide for your watch.',
  ], ['Your watch shares your number and allowance.', 'Roaming on watches is only available in Europe.'], { tags: ['smartwatch', 'plans'] }),
  s('data-plans', 'Location sharing on Kids Starter', 'Parents can see where a Kids Starter phone is from their own app.', [
    'The account holder opens **Family > Members** and selects the child\u2019s SIM.',
    'Switch on **Location sharing**; the child gets a notification.',
    'View the location on the map in your app.',
  ], ['Location is updated every 15 minutes or when you refresh.', 'Children aged 16 or over must agree to location sharing.'], { tags: ['kids', 'location', 'plans'] }),
  s('outages', 'Voicemail is not working', 'Fix voicemail when callers cannot leave messages or you cannot hear them.', [
    'Call **443** from your Northwind phone to check voicemail is set up.',
    'Check call forwarding is set to voicemail under **Account > Services > Call forwarding**.',
    'Turn off any call blocking apps that may divert calls.',
    'Restart your phone.',
  ], ['Voicemail messages are kept for 30 days once listened to.', 'Visual voicemail needs mobile data switched on.'], { tags: ['voicemail', 'troubleshooting'] }),
  s('outages', 'Data works but I cannot make calls', 'What to check when calls fail but the internet works.', [
    'Check you have not barred outgoing calls under **Account > Services > Call barring**.',
    'Check your account is not restricted after a missed payment.',
    'Turn **VoLTE** (4G calling) off and on in your mobile settings.',
    'Try a call to **150**, which is free, to check the line.',
  ], ['Some older phones do not support 4G calling in areas where 3G has been switched off.', 'Emergency calls always work.'], { tags: ['calls', 'troubleshooting'] }),
  s('outages', 'Set up call forwarding', 'Send calls to another number when you are busy or out of reach.', [
    'Go to **Account > Services > Call forwarding** in the app.',
    'Choose when to forward: always, when busy, or when unanswered.',
    'Enter the number to forward to and save.',
  ], ['Forwarded calls to UK mobiles and landlines use your allowance.', 'Forwarding to international numbers is charged at international rates.'], { tags: ['calls', 'forwarding'] }),
  s('esim', 'Order a replacement SIM', 'Get a new SIM card if yours is lost, damaged or the wrong size.', [
    'Go to **Account > SIM > Order replacement** in the app.',
    'Confirm your delivery address.',
    'When it arrives, activate it from the same screen; your old SIM stops working.',
  ], ['Replacement SIMs are free and come in all sizes.', 'You can pick one up in store the same day with photo ID.'], { tags: ['sim', 'replacement'] }),
  s('outages', 'Set up your voicemail', 'Record a greeting and choose how voicemail works for you.', [
    'Call **443** from your Northwind phone.',
    'Follow the prompts to record your name and greeting.',
    'Set a voicemail PIN if you want to check messages from other phones.',
  ], ['Visual voicemail on iPhone shows messages in the Phone app.', 'Calling voicemail is free in the UK.'], { tags: ['voicemail'] }),
  s('outages', 'Satellite texting when there is no signal', 'Send texts by satellite in remote areas with no mobile coverage.', [
    'Check your phone supports satellite messaging.',
    'Turn on **Satellite SOS and texting** under **Account > Services**.',
    'When you have no signal, your phone offers to connect by satellite; point it at the sky.',
  ], ['Satellite texting is in testing and may be slow in bad weather.', 'Emergency texts to 999 are always free.'], { tags: ['satellite', 'coverage'], draft: true }),
  s('contracts', 'Save with a home broadband bundle', 'Get money off your mobile plan when you also have Northwind home broadband.', [
    'Check your address can get Northwind broadband on the availability page.',
    'Order broadband with the same account email.',
    'The bundle discount is applied to each mobile plan from your next bill.',
  ], ['The discount is £5 a month per mobile plan, up to five plans.', 'Leaving broadband ends the discount.'], { tags: ['bundles', 'broadband'], draft: true }),
  s('outages', 'Our 5G Standalone network', 'What 5G Standalone means and which phones can use it.', [
    'Update your phone to the latest software.',
    'Check the coverage map for **5G SA** in your area.',
    'Turn on **5G Standalone** in the app under **Account > Services**.',
  ], ['5G Standalone gives lower latency for gaming and video calls.', 'Phones fall back to regular 5G or 4G outside 5G SA areas.'], { tags: ['5g', 'network'], draft: true }),
  s('repairs', 'Trade in your old phone', 'Get credit for your old phone towards your next one.', [
    'Get a quote in the app under **Upgrade > Trade in**.',
    'Answer a few questions about the phone\u2019s condition.',
    'Send the phone in the prepaid bag or hand it in at a store.',
    'We check it and pay the credit to your account or your bank.',
  ], ['If the phone is in worse condition than described, we send a new quote first.', 'Remove your accounts and any passcode before sending.'], { tags: ['trade-in', 'devices'], draft: true }),
];

const GERMAN_HEADINGS = { before: 'Überblick', steps: 'Schritt für Schritt', notes: 'Gut zu wissen' };

function render(spec: Spec): string {
  const de = spec.language === 'de';
  const steps = spec.steps.map((step, i) => `${i + 1}. ${step}`).join('\n');
  const notes = spec.notes.map((n) => `- ${n}`).join('\n');
  const closing = de ? 'Noch Fragen? Schreiben Sie uns im Chat in der Northwind App.' : (CONTACT[spec.category] ?? '');
  return [
    spec.summary,
    `## ${de ? GERMAN_HEADINGS.steps : (spec.stepsHeading ?? 'Steps')}`,
    steps,
    `## ${de ? GERMAN_HEADINGS.notes : 'Good to know'}`,
    notes,
    `## ${de ? 'Hilfe' : 'Still need help?'}`,
    closing,
  ].join('\n\n');
}

// Appended after every other list so the ids above (art-001…) stay as they were.
const lateAdditions: Spec[] = [
  s('billing', 'Roaming charge on your bill with the EU roaming option', 'Travel in the EU is covered by the EU roaming option; a roaming charge for it on your bill is refunded.', [
    'Check that the **EU roaming option** was on the plan for the dates of the trip under **Account > Services**.',
    'Compare the roaming charge on the bill with the dates and the country of the trip.',
    'Raise a query from the bill itself, naming the trip: we refund the roaming charge on your next bill.',
  ], ['The EU roaming option covers calls, texts and data in the Europe roaming zone, not ships or planes.', 'A charge from a country outside the Europe zone is not covered by the option.'], { tags: ['roaming', 'refunds', 'eu-roaming'] }),
];

export const ALL_SPECS: readonly Spec[] = [
  ...billing,
  ...roaming,
  ...esim,
  ...outages,
  ...appLogin,
  ...passwordReset,
  ...porting,
  ...refunds,
  ...repairs,
  ...dataPlans,
  ...contracts,
  ...privacy,
  ...accessibility,
  ...services,
  ...german,
  ...lateAdditions,
];

export function buildArticles(updatedAt: string): Article[] {
  return ALL_SPECS.map((spec, i) => {
    const id = `art-${String(i + 1).padStart(3, '0')}`;
    const slug = slugify(spec.title).slice(0, 60).replace(/-+$/, '');
    return {
      id,
      version: 1,
      updatedAt,
      deleted: false,
      title: spec.title,
      body: render(spec),
      summary: spec.summary,
      url: `https://help.northwind.example/articles/${id}-${slug}`,
      tags: [spec.category, ...(spec.tags ?? [])].filter((t, j, all) => all.indexOf(t) === j),
      language: spec.language ?? 'en',
      status: spec.draft ? 'draft' : 'published',
      targeting: { teamIds: spec.teamIds ?? [], sites: [], tags: [] },
    };
  });
}

// ---------------------------------------------------------------- snippets
const SNIPPETS: [shortcut: string, title: string, body: string, tags: string[], teamIds?: string[], draft?: boolean][] = [
  [';hello', 'Greeting', 'Hi {{customer.firstName}}, thanks for getting in touch with Northwind. I\'m {{agent.name}} and I\'ll be looking after this for you.', ['greeting']],
  [';thanks', 'Thanks and close', 'Thanks for your patience, {{customer.firstName}}. I\'ve noted everything on your case {{case.id}}. Is there anything else I can help with today?', ['closing']],
  [';refund', 'Refund approved', 'Hi {{customer.firstName}}, good news: your refund has been approved under case {{case.id}}. It goes back to your original payment method and usually shows within 3 to 5 working days. {{agent.name}}, Northwind', ['refunds']],
  [';outage', 'Known outage', 'Hi {{customer.firstName}}, I\'m sorry about the disruption. There is a known network fault in your area and our engineers are working on it. You can follow live updates at status.northwind.example. I\'ve linked your report to case {{case.id}} so we can credit you if it lasts more than two days.', ['outage']],
  [';outage-berlin', 'Berlin outage update', 'Hi {{customer.firstName}}, we\'re aware of a major outage affecting calls and data in Berlin. Engineers are on site and we expect service to return gradually over the next few hours. Wi-Fi Calling still works if you have broadband. Your case is {{case.id}}. {{agent.name}}', ['outage', 'berlin']],
  [';reset-pw', 'Password reset steps', 'Hi {{customer.firstName}}, you can reset your password from the sign-in screen: tap Forgotten password, enter your email and follow the link we send (it works for one hour). If the email doesn\'t arrive, check your spam folder or choose "Use my mobile number" instead.', ['password']],
  [';locked', 'Account locked', 'Hi {{customer.firstName}}, your account locks for 30 minutes after five wrong passwords to keep it safe. You can wait, or reset your password now, which unlocks it straight away.', ['login']],
  [';dm', 'Move to private message', 'Hi {{customer.firstName}}, we\'d like to help with this. Please send us a private message with your account number so we can look into it without sharing your details publicly. {{agent.name}}', ['social']],
  [';pac', 'PAC code', 'Hi {{customer.firstName}}, you can get your PAC code by texting PAC to 65075 from your Northwind phone. We\'ll reply straight away with the code and any charges. It\'s valid for 30 days.', ['porting']],
  [';port-delay', 'Porting delay', 'Hi {{customer.firstName}}, I\'ve checked your number transfer and chased it with your previous network. It should complete by the end of today. If it doesn\'t, we\'ll pay £5 for each day it\'s late. Reference: {{case.id}}.', ['porting']],
  [';esim', 'eSIM QR code resent', 'Hi {{customer.firstName}}, I\'ve sent a new eSIM QR code to the email on your account. Please scan it while connected to Wi-Fi; the old code will no longer work.', ['esim']],
  [';roaming', 'Roaming setup', 'Hi {{customer.firstName}}, to use your phone abroad please check Roaming is on in the app under Account > Services and turn on Data roaming on your phone. A restart after landing helps it find a partner network.', ['roaming']],
  [';roam-pass', 'Roam Pass refund', 'Hi {{customer.firstName}}, I\'ve refunded the unused days of your Roam Pass. The credit will show on your next bill. Case {{case.id}}.', ['roaming', 'refunds']],
  [';repair', 'Repair booked', 'Hi {{customer.firstName}}, your repair is booked. We\'ll send a prepaid box within two working days; please back up your phone and turn off Find My before sending. You can track it in the app under Devices > Repairs. Reference {{case.id}}.', ['repairs']],
  [';repair-status', 'Repair status update', 'Hi {{customer.firstName}}, your device is at our repair centre and is being worked on. Most repairs are back within five working days, and we\'ll text you when it\'s on its way.', ['repairs']],
  [';bill-high', 'Higher bill explanation', 'Hi {{customer.firstName}}, I\'ve looked at your bill. The difference comes from usage outside your plan this month, which is itemised under Usage charges. I\'ve added the details to case {{case.id}}.', ['billing']],
  [';payment-plan', 'Payment arrangement', 'Hi {{customer.firstName}}, thanks for letting us know. I\'ve set up a payment arrangement so you can pay the balance over the next three months, with no late fees while it\'s in place. {{agent.name}}', ['billing', 'financial-support'], ['team-billing']],
  [';goodwill', 'Goodwill credit applied', 'Hi {{customer.firstName}}, I\'m sorry for the trouble. I\'ve applied a goodwill credit to your account, which you\'ll see on your next bill. Case {{case.id}}.', ['billing', 'credit'], ['team-billing']],
  [';direct-debit', 'Direct Debit set up', 'Hi {{customer.firstName}}, your Direct Debit is set up. The first collection will be on your next bill date, and you\'re covered by the Direct Debit Guarantee.', ['billing']],
  [';data-topup', 'Data top-up options', 'Hi {{customer.firstName}}, you can add more data in the app under Add-ons > Data: 1 GB for £3, 5 GB for £6 or 20 GB for £10. It\'s added within minutes.', ['data']],
  [';slow-data', 'Slow data troubleshooting', 'Hi {{customer.firstName}}, sorry your data is slow. Could you try turning Airplane mode on and off, then run the speed test in the app under Help > Speed test and send me the result? {{agent.name}}', ['data', 'network']],
  [';wifi-calling', 'Wi-Fi Calling', 'Hi {{customer.firstName}}, turning on Wi-Fi Calling should help with calls indoors. On iPhone: Settings > Mobile Service > Wi-Fi Calling. On Android: Settings > Network & internet > Calls & SMS.', ['network']],
  [';scam', 'Scam warning', 'Hi {{customer.firstName}}, thanks for flagging this. That message didn\'t come from us: we never ask for your password or verification codes. Please forward it to 7726 and delete it.', ['fraud']],
  [';lost-phone', 'Lost or stolen phone', 'Hi {{customer.firstName}}, I\'ve barred your SIM so nobody can use it. A replacement SIM with your number is on its way. Please report the theft to the police and keep the crime reference for any insurance claim. Case {{case.id}}.', ['security']],
  [';cancel', 'Cancellation information', 'Hi {{customer.firstName}}, you can cancel by texting STAC to 75075, which tells you any charges. After your minimum term there\'s no charge, just 30 days notice.', ['contracts']],
  [';upgrade', 'Upgrade options', 'Hi {{customer.firstName}}, you can see your upgrade options in the app under Upgrade. Trading in your current phone can bring the price down.', ['contracts']],
  [';extra-care', 'Extra Care offer', 'Hi {{customer.firstName}}, if it would help, we can register you for Extra Care so we know how best to support you, for example with longer calls or bills in large print. It\'s free and you can change it at any time.', ['accessibility']],
  [';escalate', 'Escalation', 'Hi {{customer.firstName}}, I\'ve escalated case {{case.id}} to our specialist team, who will contact you within one working day. I\'m sorry this is taking longer than it should. {{agent.name}}', ['escalation']],
  [';follow-up', 'Follow-up check', 'Hi {{customer.firstName}}, just checking in on case {{case.id}}: is everything working as it should now? If we don\'t hear back in 3 days we\'ll close the case, but you can reply at any time to reopen it.', ['closing']],
  [';hallo', 'Begrüßung', 'Hallo {{customer.firstName}}, vielen Dank für Ihre Nachricht an Northwind. Mein Name ist {{agent.name}} und ich kümmere mich um Ihr Anliegen.', ['greeting']],
  [';chargeback', 'Chargeback received', 'Internal note template: chargeback received for case {{case.id}}. Do not contact {{customer.firstName}} about the payment until the payments team has reviewed it.', ['billing', 'internal'], ['team-billing'], true],
];

export function buildSnippets(updatedAt: string): Snippet[] {
  return SNIPPETS.map(([shortcut, title, body, tags, teamIds, draft], i) => ({
    id: `snip-${String(i + 1).padStart(3, '0')}-${shortcut.slice(1)}`,
    version: 1,
    updatedAt,
    deleted: false,
    title,
    shortcut,
    body,
    tags,
    language: shortcut === ';hallo' ? 'de' : 'en',
    status: draft ? 'draft' : 'published',
    targeting: { teamIds: teamIds ?? [], sites: [], tags: [] },
  }));
}
